#!/usr/bin/env bash
# First-load weight: everything the browser fetches from dist/ to show the
# Overview (HTML, JS glue, WASM, CSS, icon), raw and gzip -9.
#
# With --check it fails when the gzip total exceeds the ceiling below. Issue
# 6 sets the target at 226 KB; the release build does not meet it yet (see
# docs/architecture.md, "First-load weight"), so the ceiling is a ratchet at
# the size measured when the storage, pool detail and alerts pages landed
# (387,389 B): the check stops the weight from growing unnoticed; lower it
# whenever the first load gets lighter.
source "$(dirname "$0")/lib.sh"
TARGET_BYTES=226000
CEILING_BYTES=${POOLWATCH_WEIGHT_CEILING:-390000}

total_raw=0; total_gz=0
printf '\n%-44s %10s %10s\n' "front-end file (dist/)" "raw B" "gzip B"
for f in "$ROOT"/dist/*; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
[ "${1:-}" = "--check" ] || exit 0

[ "$total_gz" -gt 0 ] || { echo "weight: dist/ is empty; build the release first" >&2; exit 1; }
if [ "$total_gz" -le "$TARGET_BYTES" ]; then
  echo "weight: first load ${total_gz} B gzip, within the ${TARGET_BYTES} B target"
else
  echo "weight: first load ${total_gz} B gzip, $((total_gz - TARGET_BYTES)) B over the ${TARGET_BYTES} B target (issue 6); ceiling ${CEILING_BYTES} B"
fi
if [ "$total_gz" -gt "$CEILING_BYTES" ]; then
  echo "weight: ${total_gz} B gzip is above the ceiling of ${CEILING_BYTES} B: something made the first load heavier" >&2
  exit 1
fi
