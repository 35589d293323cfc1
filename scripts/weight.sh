#!/usr/bin/env bash
# First-load weight: everything the browser fetches from dist/ to show a page
# (the HTML, the JS glue, WASM, CSS and icon it references), raw and gzip -9.
#
# `/` is answered with the Overview entry (dist/overview.html, its own lighter
# bundle; see docs/architecture.md, "First-load weight"); every other page
# with the full app (dist/index.html). With --check it fails when the
# Overview's gzip total exceeds issue 6's 226 KB target, or when the full
# app's exceeds its ceiling, a ratchet that keeps it from growing unnoticed.
source "$(dirname "$0")/lib.sh"
TARGET_BYTES=226000
FULL_CEILING_BYTES=${POOLWATCH_FULL_APP_CEILING:-392000}

# The files a page shell makes the browser fetch: itself and every local
# asset it names (Trunk writes `/name-<hash>.ext` into href, src and the
# module loader).
fetched_by() {
  echo "$1"
  grep -oE "/[A-Za-z0-9._-]+\.(js|wasm|css|svg|png|ico|woff2)" "$ROOT/dist/$1" | sed 's|^/||' | sort -u
}

# Prints the table for one shell; leaves the gzip total in $gz_total.
measure() {
  local shell=$1 title=$2 raw gz f
  local total_raw=0
  gz_total=0
  printf '\n%-44s %10s %10s\n' "$title" "raw B" "gzip B"
  for f in $(fetched_by "$shell"); do
    [ -f "$ROOT/dist/$f" ] || { echo "weight: $shell names $f, which is not in dist/" >&2; exit 1; }
    raw=$(stat -c %s "$ROOT/dist/$f"); gz=$(gzip -9 -c "$ROOT/dist/$f" | wc -c)
    total_raw=$((total_raw + raw)); gz_total=$((gz_total + gz))
    printf '%-44s %10d %10d\n' "$f" "$raw" "$gz"
  done
  printf '%-44s %10d %10d\n' "total" "$total_raw" "$gz_total"
}

for shell in overview.html index.html; do
  [ -f "$ROOT/dist/$shell" ] || { echo "weight: dist/$shell is missing; run scripts/build.sh first" >&2; exit 1; }
done
measure overview.html "Overview, what / loads (dist/)"
overview_gz=$gz_total
measure index.html "full app, what any other page loads (dist/)"
full_gz=$gz_total
[ "${1:-}" = "--check" ] || exit 0

echo "weight: full app (every page but /) ${full_gz} B gzip; ceiling ${FULL_CEILING_BYTES} B"
if [ "$overview_gz" -le "$TARGET_BYTES" ]; then
  echo "weight: first load of the Overview ${overview_gz} B gzip, within the ${TARGET_BYTES} B target"
else
  echo "weight: first load of the Overview ${overview_gz} B gzip, $((overview_gz - TARGET_BYTES)) B over the ${TARGET_BYTES} B target (issue 6)" >&2
  exit 1
fi
if [ "$full_gz" -gt "$FULL_CEILING_BYTES" ]; then
  echo "weight: the full app's ${full_gz} B gzip is above its ceiling of ${FULL_CEILING_BYTES} B: something made it heavier" >&2
  exit 1
fi
