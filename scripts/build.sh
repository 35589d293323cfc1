#!/usr/bin/env bash
# Release build: the WASM front end (Trunk) first, then the server that embeds it.
source "$(dirname "$0")/lib.sh"
step "cargo fetch (Trunk runs cargo offline)"
cargo fetch --locked --quiet
# Trunk rewrites dist/ on every run, which makes cargo re-embed and relink the
# server; skip it when the last release front-end build is newer than every
# input of the front end and dist/ has not been rebuilt since (say, in debug).
stamp="$ROOT/tools/.frontend-release-build"
if [ -f "$stamp" ] && [ -f "$ROOT/dist/index.html" ] && [ ! "$ROOT/dist/index.html" -nt "$stamp" ] \
   && [ -z "$(find app model style public index.html Trunk.toml Cargo.toml Cargo.lock \
     -newer "$stamp" -print -quit)" ]; then
  step "front end up to date (dist/ is newer than its sources): trunk skipped"
else
  step "trunk build --release (front end -> dist/)"
  trunk build --release true
  mkdir -p "$ROOT/tools" && touch "$stamp"
fi
step "cargo build --release -p server -p truenas-sim (binaries: target/release/poolwatch, truenas-sim for the e2e benchmark)"
cargo build --release --locked -p server -p truenas-sim
"$ROOT/scripts/weight.sh"
