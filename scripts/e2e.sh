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
short_pid=""
stale_pid=""
bench_pid=""
sim_pid=""
cleanup() {
  for p in "$pid" "$short_pid" "$stale_pid" "$bench_pid" "$sim_pid"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# Credentials of this run only; the specs log in with them.
export E2E_ADMIN_USER="admin"
E2E_ADMIN_PASSWORD="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export E2E_ADMIN_PASSWORD
metrics_token="metrics-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# start_server LOG DATA_DIR ARGS...: runs the lone binary in the background
# (a child of this shell, so `wait` can read its exit code); sets started_pid.
start_server() {
  local log="$1" data="$2"
  shift 2
  (cd "$work/alone" && exec env -u POOLWATCH_LISTEN -u POOLWATCH_DATA_DIR \
    POOLWATCH_ADMIN_USER="$E2E_ADMIN_USER" POOLWATCH_ADMIN_PASSWORD="$E2E_ADMIN_PASSWORD" \
    POOLWATCH_METRICS_TOKEN="$metrics_token" POOLWATCH_POLL_EVERY_MS="${poll_ms:-1000}" \
    ./poolwatch serve --listen 127.0.0.1:0 --data-dir "$data" "$@") >>"$log" 2>&1 &
  started_pid=$!
}

wait_url() {
  local log="$1" server_pid="$2" found=""
  for _ in $(seq 1 300); do
    found=$(grep -o 'running at http://[0-9.:]*/' "$log" | head -n1 | sed 's/running at //') || true
    [ -n "$found" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "poolwatch exited during start:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$found" ] || { echo "poolwatch did not report its URL within 30 s" >&2; cat "$log" >&2; exit 1; }
  for _ in $(seq 1 100); do
    curl -fsS "${found}healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "${found}healthz" >/dev/null || { echo "healthz never answered at $found" >&2; exit 1; }
  echo "$found"
}

start_server "$log" "$work/data" --demo
pid=$started_pid
url=$(wait_url "$log" "$pid")
short_log="$ROOT/end2end/artifacts/server-short-session.log"
: >"$short_log"
start_server "$short_log" "$work/data-short" --session-lifetime-seconds 4
short_pid=$started_pid
E2E_SHORT_SESSION_URL=$(wait_url "$short_log" "$short_pid")
export E2E_SHORT_SESSION_URL
# A third server with its own demo NAS and a 3-second staleness threshold:
# the stale-and-recovery spec breaks one of its NAS without disturbing the
# main server's specs.
stale_log="$ROOT/end2end/artifacts/server-stale.log"
: >"$stale_log"
POOLWATCH_STALE_AFTER_SECONDS=3 start_server "$stale_log" "$work/data-stale" --demo
stale_pid=$started_pid
E2E_STALE_URL=$(wait_url "$stale_log" "$stale_pid")
export E2E_STALE_URL

# The filter-latency benchmark (storage-bench.spec.ts): a simulated NAS with
# 10,000 datasets and a poolwatch of its own that polls it once (a poll per
# 10 minutes), so the demo's specs never see it and no refetch lands mid-measure.
sim_bin="${CARGO_TARGET_DIR:-$ROOT/target}/release/truenas-sim"
sim_log="$ROOT/end2end/artifacts/simulator-large.log"
E2E_LARGE_SIM_KEY="1-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export E2E_LARGE_SIM_KEY
TRUENAS_SIM_API_KEY="$E2E_LARGE_SIM_KEY" "$sim_bin" --scenario large --pools 4 --datasets 10000 --disks 24 \
  >"$sim_log" 2>&1 &
sim_pid=$!
E2E_LARGE_SIM=""
for _ in $(seq 1 100); do
  E2E_LARGE_SIM=$(grep -o 'http://[0-9.:]*' "$sim_log" | head -n1 | sed 's#http://##') || true
  [ -n "$E2E_LARGE_SIM" ] && break
  sleep 0.1
done
[ -n "$E2E_LARGE_SIM" ] || { echo "truenas-sim did not start:" >&2; cat "$sim_log" >&2; exit 1; }
export E2E_LARGE_SIM
bench_log="$ROOT/end2end/artifacts/server-bench.log"
: >"$bench_log"
poll_ms=600000 start_server "$bench_log" "$work/data-bench"
bench_pid=$started_pid
E2E_BENCH_URL=$(wait_url "$bench_log" "$bench_pid")
export E2E_BENCH_URL
echo "poolwatch (alone in $work/alone) is up at $url"
for _ in $(seq 1 100); do
  # grep -c reads to the end: -q would exit early and make curl fail (pipefail) on a long answer.
  curl -fsS -H "Authorization: Bearer $metrics_token" "${url}metrics" | grep -c '^poolwatch_monitor_poll_total' >/dev/null && break
  sleep 0.1
done
curl -fsS -H "Authorization: Bearer $metrics_token" "${url}metrics" >"$ROOT/end2end/artifacts/metrics.txt"
anonymous=$(curl -s -o /dev/null -w '%{http_code}' "${url}metrics")
[ "$anonymous" = "401" ] || { echo "anonymous /metrics answered $anonymous, expected 401" >&2; exit 1; }
echo "promtool check metrics on the demo's /metrics:"
promtool check metrics <"$ROOT/end2end/artifacts/metrics.txt"
echo "promtool: clean ($(grep -vc '^#' "$ROOT/end2end/artifacts/metrics.txt") samples)"

set +e
(cd "$ROOT/end2end" && BASE_URL="$url" POOLWATCH_VERSION="$("$bin" --version | awk '{print $2}')" \
  npx --no-install playwright test "$@")
rc=$?
set -e

for other in "$short_pid" "$stale_pid" "$bench_pid" "$sim_pid"; do
  kill -TERM "$other" 2>/dev/null || true
  wait "$other" 2>/dev/null || true
done
short_pid=""
stale_pid=""
bench_pid=""
sim_pid=""
kill -TERM "$pid"
server_rc=0
wait "$pid" || server_rc=$?
pid=""
if [ "$server_rc" -ne 0 ]; then
  echo "poolwatch exited with $server_rc after SIGTERM (expected 0)" >&2
  rc=1
fi
for server_log in "$log" "$short_log" "$stale_log" "$bench_log"; do
  if grep -qiE 'panicked|panic:' "$server_log"; then
    echo "poolwatch logged a panic during the end-to-end run ($server_log):" >&2
    grep -iE -A3 'panicked|panic:' "$server_log" >&2
    rc=1
  fi
  if grep -qF "$E2E_ADMIN_PASSWORD" "$server_log"; then
    echo "the admin password appears in $server_log" >&2
    rc=1
  fi
done
exit "$rc"
