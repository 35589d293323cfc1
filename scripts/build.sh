#!/usr/bin/env bash
# Release build: the WASM front end (Trunk) first, then the server that embeds it.
source "$(dirname "$0")/lib.sh"
step "cargo fetch (Trunk runs cargo offline)"
cargo fetch --locked --quiet
# Trunk rewrites dist/ on every run, which makes cargo re-embed and relink the
# server; skip it when the last release front-end build is newer than every
# input of the front end and dist/ has not been rebuilt since (say, in debug).
stamp="$ROOT/tools/.frontend-release-build"
if [ -f "$stamp" ] && [ -f "$ROOT/dist/index.html" ] && [ -f "$ROOT/dist/overview.html" ] \
   && [ ! "$ROOT/dist/index.html" -nt "$stamp" ] \
   && [ -z "$(find app model style public index.html overview.html Trunk.toml Cargo.toml Cargo.lock \
     -newer "$stamp" -print -quit)" ]; then
  step "front end up to date (dist/ is newer than its sources): trunk skipped"
else
  # Two bundles of the same crate: the full app (index.html -> dist/) and the
  # lighter Overview entry the server answers `/` with (overview.html). Trunk
  # empties its dist folder on every build, so the entry is built aside and
  # copied in; its CSS and icon are the same hashed files as the full app's.
  step "trunk build --release (the full app -> dist/)"
  trunk build --release true
  step "trunk build --release overview.html (the Overview entry -> dist/overview.html)"
  aside="$ROOT/target/trunk-overview"
  trunk build --release true --html-output overview.html --dist "$aside" overview.html
  cp "$aside"/* "$ROOT/dist/"
  mkdir -p "$ROOT/tools" && touch "$stamp"
fi
step "cargo build --release -p server -p truenas-sim (binaries: target/release/poolwatch, truenas-sim for the e2e benchmark)"
cargo build --release --locked -p server -p truenas-sim
"$ROOT/scripts/weight.sh"
