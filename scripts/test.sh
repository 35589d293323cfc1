#!/usr/bin/env bash
# Every check and test: format, lints (server and WASM targets), the WASM
# dependency guard, Rust tests, the release build, then Playwright in Chromium.
source "$(dirname "$0")/lib.sh"
start=$(date +%s)

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (server target) -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo clippy (wasm32 target, feature csr) -D warnings"
cargo clippy -p app --no-default-features --features csr --target wasm32-unknown-unknown --locked -- -D warnings

step "WASM dependency guard: no server-only crate in the browser build"
"$ROOT/scripts/wasm-deps-guard.sh"

step "cargo test"
cargo test --workspace --locked

"$ROOT/scripts/build.sh"

step "Playwright end-to-end (release binary, Debian Chromium)"
"$ROOT/scripts/e2e.sh"

echo
echo "all checks passed in $(( $(date +%s) - start )) s"
