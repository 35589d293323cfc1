#!/usr/bin/env bash
# Release build: the WASM front end (Trunk) first, then the server that embeds it.
source "$(dirname "$0")/lib.sh"
step "cargo fetch (Trunk runs cargo offline)"
cargo fetch --locked --quiet
step "trunk build --release (front end -> dist/)"
trunk build --release true
step "cargo build --release -p server (binary: target/release/poolwatch)"
cargo build --release --locked -p server
"$ROOT/scripts/wasm-size.sh"
