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

summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT

step "cargo test"
cargo test --workspace --locked 2>&1 | tee "$summary.rust"

"$ROOT/scripts/build.sh"

step "First-load weight (gzip) of the release front end"
"$ROOT/scripts/weight.sh" --check

step "Runbook: every command of docs/runbook.md against a fresh poolwatch"
"$ROOT/scripts/runbook-check.sh"

step "Playwright end-to-end (release binary, Debian Chromium)"
"$ROOT/scripts/e2e.sh" 2>&1 | tee "$summary.e2e"

# Close with the runners' own summary lines (both runs passed to get here).
count() { { grep -oE "$1" "$2" || true; } | awk '{s+=$1} END {print s+0}'; }
last() { { grep -oE "$1" "$2" || true; } | awk '{v=$1} END {print v+0}'; }
rust_passed=$(count '[0-9]+ passed' "$summary.rust")
rust_failed=$(count '[0-9]+ failed' "$summary.rust")
e2e_passed=$(last '^ *[0-9]+ passed' "$summary.e2e")
e2e_failed=$(last '^ *[0-9]+ failed' "$summary.e2e")
rm -f "$summary.rust" "$summary.e2e"
echo
echo "== summary ($(( $(date +%s) - start )) s) =="
echo "cargo test: $rust_passed passed, $rust_failed failed"
echo "playwright: $e2e_passed passed, $e2e_failed failed"
echo "total: $((rust_passed + e2e_passed)) passed, $((rust_failed + e2e_failed)) failed"
