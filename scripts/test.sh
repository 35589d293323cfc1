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

step "Runbook: every command of docs/runbook.md against a fresh poolwatch"
"$ROOT/scripts/runbook-check.sh"

step "Playwright end-to-end (release binary, Debian Chromium)"
"$ROOT/scripts/e2e.sh" 2>&1 | tee "$summary.e2e"

# Close with the runners' own summary lines (both runs passed to get here).
rust_passed=$(grep -o '[0-9]* passed' "$summary.rust" | awk '{s+=$1} END {print s+0}')
rust_failed=$(grep -o '[0-9]* failed' "$summary.rust" | awk '{s+=$1} END {print s+0}')
e2e_passed=$(grep -oE '^ *[0-9]+ passed' "$summary.e2e" | tail -n1 | awk '{print $1+0}')
e2e_failed=$(grep -oE '^ *[0-9]+ failed' "$summary.e2e" | tail -n1 | awk '{print $1+0}')
rm -f "$summary.rust" "$summary.e2e"
echo
echo "== summary ($(( $(date +%s) - start )) s) =="
echo "cargo test: $rust_passed passed, $rust_failed failed"
echo "playwright: ${e2e_passed:-0} passed, ${e2e_failed:-0} failed"
echo "total: $((rust_passed + ${e2e_passed:-0})) passed, $((rust_failed + ${e2e_failed:-0})) failed"
