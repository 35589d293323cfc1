#!/usr/bin/env bash
# Runs every ```sh block of docs/runbook.md, in order, in one shell, against
# the release binary with a fresh data dir and a free port. Fails on the first
# command that fails, and if the server logged a panic.
source "$(dirname "$0")/lib.sh"
bin="${CARGO_TARGET_DIR:-$ROOT/target}/release/poolwatch"
[ -x "$bin" ] || { echo "no release binary; run scripts/build.sh first" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/poolwatch-runbook.XXXXXX")"
mkdir -p "$work/bin" "$work/cwd"
ln -s "$bin" "$work/bin/poolwatch"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
script="$work/runbook.sh"
{
  echo 'set -euo pipefail'
  awk '/^```sh$/ {inblock=1; print "echo \"--- runbook block " ++n " ---\""; next} /^```$/ {inblock=0; next} inblock {print}' \
    "$ROOT/docs/runbook.md"
} >"$script"
blocks=$(grep -c '^```sh$' "$ROOT/docs/runbook.md")

cleanup() {
  if [ -f "$work/cwd/poolwatch.pid" ]; then kill -KILL "$(cat "$work/cwd/poolwatch.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

set +e
(cd "$work/cwd" && env -u POOLWATCH_ENABLE_TRUENAS -u POOLWATCH_DEMO -u POOLWATCH_ADMIN_USER -u POOLWATCH_ADMIN_PASSWORD -u POOLWATCH_ADMIN_PASSWORD_FILE -u POOLWATCH_METRICS_TOKEN PATH="$work/bin:$PATH" \
  POOLWATCH_LISTEN="127.0.0.1:$port" POOLWATCH_DATA_DIR="$work/data" bash "$script")
rc=$?
set -e
if [ -f "$work/cwd/poolwatch.log" ] && grep -qiE 'panicked|panic:' "$work/cwd/poolwatch.log"; then
  echo "poolwatch logged a panic while running the runbook" >&2; rc=1
fi
if [ "$rc" -ne 0 ]; then
  echo "runbook check FAILED (exit $rc); server log:" >&2
  cat "$work/cwd/poolwatch.log" >&2 2>/dev/null || true
  exit "$rc"
fi
[ ! -e "$work/data" ] || { echo "runbook clean-up left the data dir behind" >&2; exit 1; }
echo "runbook check: all $blocks blocks of docs/runbook.md ran as written"
