#!/usr/bin/env bash
# Prints the size of what the browser downloads from dist/ (raw and gzip -9).
source "$(dirname "$0")/lib.sh"
total_raw=0; total_gz=0
printf '\n%-44s %10s %10s\n' "front-end file (dist/)" "raw B" "gzip B"
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' "total" "$total_raw" "$total_gz"
