#!/usr/bin/env bash
# The release build (`make build`, `make test`, `make bench`): trunk with the
# standard library rebuilt for size, then tools/post-build.mjs (unused wasm
# exports dropped, JS glue minified).
#
# Why: with stable settings the wasm was ~19 KB brotli (10 %) larger. These
# are the min-sized-rust settings: std built with the app (`build-std`) at
# opt-level z; panics abort at once (`-Cpanic=immediate-abort`), so no panic
# messages, locations or formatting machinery are shipped; `Debug` output is
# compiled out (`-Zfmt-debug=none`; nothing a reader sees uses it). They are
# unstable flags, enabled on the pinned stable compiler with RUSTC_BOOTSTRAP=1
# for this build only; tests and `make dev` use plain stable settings, where
# a panic still reports its message. Needs the `rust-src` component.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none"
trunk build --release "$@"
node tools/post-build.mjs dist
