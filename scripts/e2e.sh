#!/usr/bin/env bash
# Runs the Playwright specs against the release binary the way a user runs it:
# the binary alone, copied into an empty directory (proving the front end is
# embedded), a fresh data dir, a free port. Fails if the server logged a panic
# or did not stop cleanly on SIGTERM.
source "$(dirname "$0")/lib.sh"

bin="${CARGO_TARGET_DIR:-$ROOT/target}/release/poolwatch"
[ -x "$bin" ] || { echo "no release binary; run scripts/build.sh first" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/poolwatch-e2e.XXXXXX")"
mkdir -p "$work/alone" "$ROOT/end2end/artifacts"
cp "$bin" "$work/alone/poolwatch"
log="$ROOT/end2end/artifacts/server.log"
: >"$log"

pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$work/alone" && exec env -u POOLWATCH_LISTEN -u POOLWATCH_DATA_DIR \
  POOLWATCH_POLL_EVERY_MS=1000 ./poolwatch serve --listen 127.0.0.1:0 --data-dir "$work/data" --demo) >>"$log" 2>&1 &
pid=$!

url=""
for _ in $(seq 1 300); do
  url=$(grep -o 'running at http://[0-9.:]*/' "$log" | head -n1 | sed 's/running at //') || true
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "poolwatch exited during start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "poolwatch did not report its URL within 30 s" >&2; cat "$log" >&2; exit 1; }
for _ in $(seq 1 100); do
  curl -fsS "${url}healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "${url}healthz" >/dev/null || { echo "healthz never answered at $url" >&2; exit 1; }
echo "poolwatch (alone in $work/alone) is up at $url"
for _ in $(seq 1 100); do
  curl -fsS "${url}metrics" | grep -q '^poolwatch_monitor_poll_total' && break
  sleep 0.1
done
curl -fsS "${url}metrics" >"$ROOT/end2end/artifacts/metrics.txt"
echo "promtool check metrics on the demo's /metrics:"
promtool check metrics <"$ROOT/end2end/artifacts/metrics.txt"
echo "promtool: clean ($(grep -vc '^#' "$ROOT/end2end/artifacts/metrics.txt") samples)"

set +e
(cd "$ROOT/end2end" && BASE_URL="$url" POOLWATCH_VERSION="$("$bin" --version | awk '{print $2}')" \
  npx --no-install playwright test)
rc=$?
set -e

kill -TERM "$pid"
server_rc=0
wait "$pid" || server_rc=$?
pid=""
if [ "$server_rc" -ne 0 ]; then
  echo "poolwatch exited with $server_rc after SIGTERM (expected 0)" >&2
  rc=1
fi
if grep -qiE 'panicked|panic:' "$log"; then
  echo "poolwatch logged a panic during the end-to-end run:" >&2
  grep -iE -A3 'panicked|panic:' "$log" >&2
  rc=1
fi
exit "$rc"
