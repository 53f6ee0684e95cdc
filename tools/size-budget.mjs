// The size budget: wasm + JS of a release build, brotli-compressed, must stay
// under a limit. Deterministic (max-quality brotli of fixed files).
// Usage: node tools/size-budget.mjs <dist> <limit-KB>
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const [dir = "dist", limitKb = "150"] = process.argv.slice(2);
// What the first paint loads: the wasm, its JS glue and the glue's modules
// (snippets/, imported with it). sw.js (the service worker) is fetched after
// it, by the browser, and is not counted.
const snippets = (folder) =>
  readdirSync(join(dir, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return snippets(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
const files = [
  ...readdirSync(dir).filter((f) => (f.endsWith(".wasm") || f.endsWith(".js")) && f !== "sw.js"),
  ...(existsSync(join(dir, "snippets")) ? snippets("snippets") : []),
];
if (files.length === 0) {
  console.error(`no .wasm or .js files in ${dir}`);
  process.exit(1);
}
const kb = (n) => (n / 1024).toFixed(1);
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of files) {
  const bytes = readFileSync(join(dir, file));
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += sizes[k];
  const name = file.split("/").pop();
  console.log(`${name.padEnd(48)} raw ${kb(sizes.raw).padStart(7)} KB  gzip ${kb(sizes.gzip).padStart(6)} KB  brotli ${kb(sizes.brotli).padStart(6)} KB`);
}
console.log(`${"total".padEnd(48)} raw ${kb(total.raw).padStart(7)} KB  gzip ${kb(total.gzip).padStart(6)} KB  brotli ${kb(total.brotli).padStart(6)} KB`);
if (total.brotli > Number(limitKb) * 1024) {
  console.error(`over budget: ${kb(total.brotli)} KB brotli > ${limitKb} KB`);
  process.exit(1);
}
console.log(`within budget: ${kb(total.brotli)} KB brotli ≤ ${limitKb} KB`);
