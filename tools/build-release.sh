#!/usr/bin/env bash
# The release build (`make build`, `make test`, `make bench`): Trunk on plain
# stable Rust (Cargo.toml's release profile, `--cfg erase_components` from
# .cargo/config.toml, wasm-opt through index.html's data-wasm-opt), then the
# prerenderer (src/bin/prerender.rs: an HTML file for every address), then
# Pagefind's search index over the prerendered posts (dist/pagefind/: what
# their `data-pagefind-*` attributes mark), then the service worker
# (tools/service-worker.mjs: Workbox's sw.js), then tools/post-build.mjs (JS
# glue minified, files precompressed).
#
# CONTENT=<dir> (e.g. an import from `make import`) ships that folder's
# content instead of the sample's public/content.
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release "$@"
if [ -n "${CONTENT:-}" ]; then
  [ -f "$CONTENT/site.json" ] || { echo "CONTENT=$CONTENT has no site.json (make import writes one)" >&2; exit 1; }
  rm -rf dist/content
  cp -r "$CONTENT" dist/content
  rm -f dist/content/import-state.json
fi
cargo build --quiet --profile prerender --features ssr --bin prerender
./target/prerender/prerender dist
pagefind --site dist --glob "post/**/*.html" --output-subdir pagefind --quiet
node tools/service-worker.mjs dist
node tools/post-build.mjs dist
