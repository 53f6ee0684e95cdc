// After Trunk's release build: minify wasm-bindgen's JS glue with terser
// (Trunk's own minifier cannot parse it and leaves it as generated), keep
// index.html's integrity hash true to it, then write a brotli and a gzip
// copy beside every text or wasm file, for servers that send precompressed
// files by Accept-Encoding (tools/serve.mjs through sirv; README has a
// host's equivalent).
//
// Usage: node tools/post-build.mjs <dist>
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { minify } from "terser";

const dist = process.argv[2] ?? "dist";
const integrity = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

// Every HTML file: the app shell and each prerendered page carry the hashes.
function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "content" ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}
const pages = htmlFiles(dist).map((path) => ({ path, html: readFileSync(path, "utf8") }));

// The glue only: Workbox's sw.js comes minified, and no page loads it.
for (const name of readdirSync(dist).filter((f) => f.endsWith(".js") && f !== "sw.js")) {
  const path = join(dist, name);
  const before = readFileSync(path, "utf8");
  const { code } = await minify(before, { module: true, compress: { passes: 2 }, mangle: true });
  const old = integrity(before);
  for (const page of pages) {
    if (!page.html.includes(old)) throw new Error(`${page.path} does not carry the integrity hash of ${name}`);
    page.html = page.html.replaceAll(old, integrity(code));
  }
  writeFileSync(path, code);
}
for (const page of pages) writeFileSync(page.path, page.html);

const COMPRESSIBLE = /\.(html|js|wasm|css|json|svg|txt|webmanifest)$/;
let files = 0;
function compressAll(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      compressAll(path);
    } else if (COMPRESSIBLE.test(name)) {
      const bytes = readFileSync(path);
      writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      files += 1;
    }
  }
}
compressAll(dist);
console.log(`post-build: glue minified, ${files} files precompressed (brotli, gzip)`);
