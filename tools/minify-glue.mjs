// Minifies wasm-bindgen's JS glue in a Trunk release build (Trunk leaves it
// as generated: ~1.5 KB brotli more) and updates its integrity hash in
// index.html, so subresource integrity still holds.
// Usage: node tools/minify-glue.mjs <dist>
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dist = process.argv[2] ?? "dist";
const html = join(dist, "index.html");
let page = readFileSync(html, "utf8");
const integrity = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
  const path = join(dist, file);
  const source = readFileSync(path, "utf8");
  const { code } = await minify(source, { module: true, compress: true, mangle: true });
  const before = integrity(source);
  if (!page.includes(before)) {
    throw new Error(`${html} does not carry the integrity hash of ${file}`);
  }
  writeFileSync(path, code);
  page = page.replaceAll(before, integrity(code));
  console.log(`minified ${file}: ${source.length} → ${code.length} bytes`);
}
writeFileSync(html, page);
