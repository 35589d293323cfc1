#!/usr/bin/env bash
# Installs what is missing, and only that. `build` = what `make run` needs,
# `test` = that plus Chromium and the end2end npm packages.
source "$(dirname "$0")/lib.sh"
mode="${1:-build}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (newest that builds on rustc 1.95; takes ~6 min once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

wbg="$(wasm_bindgen_version)"
if [ -z "$wbg" ]; then echo "cannot read the wasm-bindgen version from Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wbg"; then
  step "cargo install wasm-bindgen-cli $wbg (must equal Cargo.lock; takes ~3 min once)"
  # No --locked: the 0.2.130 lockfile pins a webpki-roots release the registry no longer has.
  cargo install wasm-bindgen-cli --version "$wbg" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  step "npm install binaryen@$BINARYEN_VERSION (wasm-opt; Debian's wasm-opt 108 breaks the WASM)"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/tools/binaryen" "binaryen@$BINARYEN_VERSION"
fi

if [ "$mode" = test ]; then
  if [ ! -x /usr/bin/chromium ]; then
    step "apt-get install chromium (Debian's; Playwright never downloads a browser here)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v promtool >/dev/null 2>&1; then
    step "apt-get install prometheus (for promtool check metrics)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  fi
  lock="$ROOT/end2end/package-lock.json"
  stamp="$ROOT/end2end/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    step "npm ci in end2end/ (Playwright test runner; no browser download)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
    cp "$lock" "$stamp"
  fi
fi
