#!/usr/bin/env bash
# The release build (`make build`, `make test`, `make bench`): Trunk on plain
# stable Rust (Cargo.toml's release profile, `--cfg erase_components` from
# .cargo/config.toml, wasm-opt through index.html's data-wasm-opt), then
# tools/post-build.mjs (JS glue minified, files precompressed).
set -euo pipefail
cd "$(dirname "$0")/.."
trunk build --release "$@"
node tools/post-build.mjs dist
