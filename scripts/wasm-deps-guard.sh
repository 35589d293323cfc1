#!/usr/bin/env bash
# Fails if a server-only crate is reachable from the browser build of `app`.
source "$(dirname "$0")/lib.sh"
forbidden='^(tokio|mio|axum|hyper|reqwest|sqlx|tower-sessions|rusqlite|libsqlite3-sys|rustls|tokio-tungstenite|aes-gcm|domain|truenas|truenas-sim) '
deps=$(cargo tree -p app --no-default-features --features csr --target wasm32-unknown-unknown \
  --edges normal --prefix none --locked)
if found=$(grep -E "$forbidden" <<<"$deps" | sort -u) && [ -n "$found" ]; then
  echo "server-only crates in the WASM build:" >&2
  echo "$found" >&2
  exit 1
fi
echo "ok: $(sort -u <<<"$deps" | wc -l) crates in the WASM build, none server-only"
