// After Trunk's release build: what Trunk cannot do, then the integrity
// hashes in index.html updated so subresource integrity still holds.
//
// 1. Drop wasm exports nothing calls. Leptos always enables server_fn's
//    "browser" feature, which exports wasm-streams' ReadableStream adapters
//    (IntoUnderlyingSource/Sink/ByteSource) for streaming server functions.
//    This app has none, so nothing creates those objects (their JS classes
//    only reach the wasm from their own methods); once unexported, wasm-opt
//    removes their code: ~3 KB brotli.
// 2. Minify wasm-bindgen's JS glue (Trunk leaves it as generated): ~1.5 KB.
//
// Usage: node tools/post-build.mjs <dist>
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const UNUSED_EXPORT = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;

const dist = process.argv[2] ?? "dist";
const htmlPath = join(dist, "index.html");
let html = readFileSync(htmlPath, "utf8");
const integrity = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

/** Replaces a file and the integrity hash index.html holds for it. */
function replace(path, before, after) {
  const old = integrity(before);
  if (!html.includes(old)) throw new Error(`${htmlPath} does not carry the integrity hash of ${path}`);
  writeFileSync(path, after);
  html = html.replaceAll(old, integrity(after));
}

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

/** The module without the exports whose names match `unused`; their names. */
function withoutExports(module, unused) {
  const parts = [module.subarray(0, 8)];
  const dropped = [];
  let at = 8;
  while (at < module.length) {
    const id = module[at];
    const [size, start] = readLeb(module, at + 1);
    const end = start + size;
    if (id !== 7) {
      parts.push(module.subarray(at, end));
    } else {
      let [count, p] = readLeb(module, start);
      const kept = [];
      for (let i = 0; i < count; i++) {
        const from = p;
        const [length, nameAt] = readLeb(module, p);
        const name = new TextDecoder().decode(module.subarray(nameAt, nameAt + length));
        p = readLeb(module, nameAt + length + 1)[1];
        if (unused.test(name)) dropped.push(name);
        else kept.push(module.subarray(from, p));
      }
      const body = Buffer.concat([Buffer.from(leb(kept.length)), ...kept]);
      parts.push(Buffer.from([7, ...leb(body.length)]), body);
    }
    at = end;
  }
  return [Buffer.concat(parts), dropped];
}

// The same wasm-opt settings Trunk used (index.html's data-wasm-opt-params).
const source = readFileSync("index.html", "utf8");
const level = source.match(/data-wasm-opt="(\w+)"/)?.[1] ?? "s";
const params = source.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean) ?? [];

for (const file of readdirSync(dist)) {
  const path = join(dist, file);
  if (file.endsWith(".wasm")) {
    const before = readFileSync(path);
    const [stripped, dropped] = withoutExports(before, UNUSED_EXPORT);
    if (dropped.length === 0) continue;
    const tmp = `${path}.stripped`;
    writeFileSync(tmp, stripped);
    execFileSync("wasm-opt", [`-O${level}`, ...params, tmp, "-o", path + ".opt"], { stdio: "inherit" });
    const after = readFileSync(path + ".opt");
    execFileSync("rm", ["-f", tmp, path + ".opt"]);
    replace(path, before, after);
    console.log(`${file}: dropped ${dropped.length} unused exports, ${before.length} → ${after.length} bytes`);
  } else if (file.endsWith(".js")) {
    const before = readFileSync(path, "utf8");
    const { code } = await minify(before, { module: true, compress: true, mangle: true });
    replace(path, before, code);
    console.log(`${file}: minified, ${before.length} → ${code.length} bytes`);
  }
}
writeFileSync(htmlPath, html);
