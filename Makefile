# Russian Best — two commands from a fresh machine: `make run` and `make test`.
# Every tool is installed only when it is missing or at the wrong version.

SHELL := /bin/bash
.DEFAULT_GOAL := run

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/[^0-9.]/, ""); print}' Cargo.lock)
CARGO_BIN := $(HOME)/.cargo/bin
# binaryen's wasm-opt from npm comes first: Debian's (108) breaks the wasm.
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
PORT ?= 8080

.PHONY: run build dev test bench setup setup-test clean content import

## make run [CONTENT=<dir>]: install what is missing, build the release app, serve it at http://127.0.0.1:8080
run: build
	node tools/serve.mjs --dir dist --host 127.0.0.1 --port $(PORT)

## make build [CONTENT=<dir>]: release build into dist/ (tools/build-release.sh), with
## the content of <dir> (an import) instead of the sample when given
build: setup
	CONTENT="$(CONTENT)" tools/build-release.sh

## make dev: trunk serve with live reload (debug build)
dev: setup
	trunk serve --port $(PORT)

## make test: lint, native tests, wasm component tests, end-to-end tests
test: setup setup-test
	tools/test.sh

## make bench: measure the release build (not part of make test); writes target/bench/report.json
bench: build tools/bench/node_modules/.package-lock.json setup-test
	cargo build --quiet --release --bin generate-site
	rm -rf target/bench/site-10k
	./target/release/generate-site target/bench/site-10k 10000 100000 42
	# Prerendering the 10,000-post site (its wall time and output size are reported).
	rm -rf target/bench/dist-10k && mkdir -p target/bench/dist-10k
	cp dist/app.html dist/index.html target/bench/dist-10k/ && cp -r target/bench/site-10k target/bench/dist-10k/content
	SITE_URL=https://example.org /usr/bin/time -f "%e s wall, %M KB peak memory" ./target/prerender/prerender target/bench/dist-10k 2>&1 | tee target/bench/prerender-10k.txt
	du -sh --apparent-size --exclude=content target/bench/dist-10k | tee -a target/bench/prerender-10k.txt
	# Pagefind's index of the 10,000 prerendered posts (wall time and size reported).
	/usr/bin/time -f "%e s wall, %M KB peak memory" pagefind --site target/bench/dist-10k --glob "post/**/*.html" --output-subdir pagefind --quiet 2>&1 | tee target/bench/pagefind-10k.txt
	du -sh --apparent-size target/bench/dist-10k/pagefind | tee -a target/bench/pagefind-10k.txt
	# Its runtime precompressed, as make build serves it.
	node tools/post-build.mjs target/bench/dist-10k/pagefind > /dev/null
	# The built app beside them: the 10,000-post site runs as served.
	cp -r dist/*.js* dist/*.wasm* dist/*.css* dist/snippets target/bench/dist-10k/
	node tools/bench.mjs

tools/bench/node_modules/.package-lock.json: tools/bench/package.json tools/bench/package-lock.json
	npm ci --prefix tools/bench --no-audit --no-fund
	@touch $@

## make import WP=<site url> [OUT=<dir>]: import a WordPress site (default OUT: imported/)
OUT ?= imported
import:
	@[ -n "$(WP)" ] || { echo "usage: make import WP=<WordPress site URL> [OUT=<dir>]"; exit 2; }
	cargo run --quiet --bin import -- "$(WP)" "$(OUT)"

## make content: rebuild public/content/site.json and index/ from the posts
content:
	cargo run --quiet --bin build-content

setup: .tools/wasm-target .tools/trunk-$(TRUNK_VERSION) .tools/wasm-bindgen-$(WASM_BINDGEN_VERSION) node_modules/.package-lock.json
	@cargo fetch --quiet

setup-test: .tools/chromium .tools/wordpress

.tools/wasm-target:
	@mkdir -p .tools
	rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@touch $@

.tools/trunk-$(TRUNK_VERSION):
	@mkdir -p .tools
	trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" || cargo install trunk --version $(TRUNK_VERSION) --locked
	@touch $@

# `--locked` fails for wasm-bindgen-cli here (a locked dependency is not on the registry).
.tools/wasm-bindgen-$(WASM_BINDGEN_VERSION): Cargo.lock
	@mkdir -p .tools
	wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION)
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.tools/chromium:
	@mkdir -p .tools
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && $$SUDO apt-get install -y chromium chromium-driver; \
	fi
	@touch $@

# A real WordPress for the importer's and comments' tests (tools/wordpress/), and
# nginx to serve an import's build as README's Deploying section says.
.tools/wordpress:
	@mkdir -p .tools
	@if ! dpkg -s wordpress mariadb-server php-cli php-mysql php-xml nginx >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y wordpress mariadb-server php-cli php-mysql php-xml nginx; \
	fi
	@touch $@

clean:
	rm -rf dist target/bench test-results playwright-report
