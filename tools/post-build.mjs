// After Trunk's release build: what Trunk and wasm-bindgen cannot do, then
// the integrity hashes in index.html updated so subresource integrity holds.
//
// 1. Drop wasm exports nothing calls, then let wasm-opt remove their code:
//    those the glue never calls (`main`, wasm-bindgen's abort hooks), and
//    wasm-streams' ReadableStream adapters (IntoUnderlyingSource/Sink/
//    ByteSource). Leptos always enables server_fn's "browser" feature, which
//    exports them for streaming server functions; this app has none, so
//    nothing creates those objects (their JS classes only reach the wasm
//    from their own methods): ~3.5 KB brotli.
// 2. Shorten the names of imports and exports, in the wasm and in the glue
//    alike. wasm-bindgen names imports `__wbg_<function>_<16 hex digits>`
//    and closure adapters after their whole Rust types; the hex digits do
//    not compress and every name is in both files: ~5 KB. An import is
//    renamed only when the glue mentions it exactly once (where it defines
//    it); an export only where the glue calls it, as `wasm.<name>`.
// 3. Minify the glue (Trunk leaves it as generated): ~1.5 KB.
//
// Usage: node tools/post-build.mjs <dist>
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * The module with its exports rewritten: `change(name)` gives a new name,
 * `null` to drop the export, or `undefined` to keep it as it is.
 */
function rewriteExports(module, change) {
  const parts = [module.subarray(0, 8)];
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
        const [length, nameAt] = readLeb(module, p);
        const name = new TextDecoder().decode(module.subarray(nameAt, nameAt + length));
        const rest = nameAt + length;
        p = readLeb(module, rest + 1)[1];
        const next = change(name);
        if (next === null) continue;
        const bytes = new TextEncoder().encode(next ?? name);
        kept.push(Buffer.from(leb(bytes.length)), bytes, module.subarray(rest, p));
      }
      const body = Buffer.concat([Buffer.from(leb(kept.length / 3)), ...kept]);
      parts.push(Buffer.from([7, ...leb(body.length)]), body);
    }
    at = end;
  }
  return Buffer.concat(parts);
}

/** Reads the import section: each import's name and where it lies. */
function imports(module) {
  const found = [];
  let at = 8;
  while (at < module.length) {
    const id = module[at];
    const [size, start] = readLeb(module, at + 1);
    if (id === 2) {
      let [count, p] = readLeb(module, start);
      for (let i = 0; i < count; i++) {
        const from = p;
        const [moduleLength, moduleAt] = readLeb(module, p);
        const [nameLength, nameAt] = readLeb(module, moduleAt + moduleLength);
        const name = new TextDecoder().decode(module.subarray(nameAt, nameAt + nameLength));
        p = nameAt + nameLength;
        const kind = module[p++];
        if (kind === 0) p = readLeb(module, p)[1];
        else if (kind === 1 || kind === 2) {
          if (kind === 1) p++; // element type
          const flags = module[p++];
          p = readLeb(module, p)[1];
          if (flags & 1) p = readLeb(module, p)[1];
        } else if (kind === 3) p += 2;
        else throw new Error(`unknown import kind ${kind}`);
        found.push({ from, nameStart: moduleAt + moduleLength, nameEnd: nameAt + nameLength, name, end: p });
      }
      return { sectionAt: at, start, sectionEnd: start + size, countEnd: readLeb(module, start)[1], found };
    }
    at = start + size;
  }
  return null;
}

/** A short name for the n-th import: a, b, …, z, ba, bb, … */
function shortName(n) {
  let name = "";
  do {
    name = String.fromCharCode(97 + (n % 26)) + name;
    n = Math.floor(n / 26);
  } while (n > 0);
  return name;
}

/** Renames the wasm's imports that `glue` mentions once; returns both. */
function shortenImports(module, glue) {
  const section = imports(module);
  if (!section) return [module, glue, 0];
  const count = (name) => glue.split(name).length - 1;
  const short = new Map();
  for (const { name } of section.found) {
    if (!short.has(name) && /^__wb/.test(name) && count(name) === 1) {
      short.set(name, "w" + shortName(short.size));
    }
  }
  const entries = section.found.map(({ from, nameStart, nameEnd, name, end }) => {
    if (!short.has(name)) return module.subarray(from, end);
    const renamed = new TextEncoder().encode(short.get(name));
    return Buffer.concat([
      module.subarray(from, nameStart),
      Buffer.from(leb(renamed.length)),
      renamed,
      module.subarray(nameEnd, end),
    ]);
  });
  const body = Buffer.concat([module.subarray(section.start, section.countEnd), ...entries]);
  const renamedModule = Buffer.concat([
    module.subarray(0, section.sectionAt),
    Buffer.from([2, ...leb(body.length)]),
    body,
    module.subarray(section.sectionEnd),
  ]);
  for (const [name, renamed] of short) glue = glue.replace(name, renamed);
  return [renamedModule, glue, short.size];
}

// The same wasm-opt settings Trunk used (index.html's data-wasm-opt-params).
const source = readFileSync("index.html", "utf8");
const level = source.match(/data-wasm-opt="(\w+)"/)?.[1] ?? "s";
const params = source.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean) ?? [];

const files = readdirSync(dist);
const wasmFile = files.find((f) => f.endsWith("_bg.wasm"));
const glueFile = files.find((f) => f.endsWith(".js") && wasmFile?.startsWith(f.slice(0, -3)));
if (!wasmFile || !glueFile) throw new Error(`no wasm and JS glue pair in ${dist}`);
const wasmPath = join(dist, wasmFile);
const gluePath = join(dist, glueFile);
const wasmBefore = readFileSync(wasmPath);
const glueBefore = readFileSync(gluePath, "utf8");

// 1. Unused exports out, then wasm-opt removes their code.
// Also out: exports the glue never calls (`main`, wasm-bindgen's abort hooks),
// since the glue reaches every export it uses as `wasm.<name>`.
const dropped = [];
const stripped = rewriteExports(wasmBefore, (name) => {
  const called = glueBefore.includes(`wasm.${name}`);
  if (name === "memory" || (called && !UNUSED_EXPORT.test(name))) return undefined;
  dropped.push(name);
  return null;
});
writeFileSync(`${wasmPath}.stripped`, stripped);
const strip = ["--strip-producers", "--strip-target-features"];
execFileSync("wasm-opt", [`-O${level}`, ...params, ...strip, `${wasmPath}.stripped`, "-o", `${wasmPath}.opt`], {
  stdio: "inherit",
});
let wasm = readFileSync(`${wasmPath}.opt`);
rmSync(`${wasmPath}.stripped`);
rmSync(`${wasmPath}.opt`);

let glue = glueBefore;

// 2. Import names shortened in both; so are export names (the glue calls
//    every export as `wasm.<name>`; wasm-bindgen names its closure adapters
//    after their whole Rust types).
let renamed;
[wasm, glue, renamed] = shortenImports(wasm, glue);
let exportsRenamed = 0;
wasm = rewriteExports(wasm, (name) => {
  if (name === "memory") return undefined;
  const short = `e${shortName(exportsRenamed++)}`;
  const uses = new RegExp(`\\bwasm\\.${name}\\b`, "g");
  if (!uses.test(glue)) throw new Error(`the glue does not call export ${name} as wasm.${name}`);
  glue = glue.replaceAll(uses, `wasm.${short}`);
  return short;
});

// 3. The glue minified (after renaming: terser renames the `wasm` variable).
glue = (await minify(glue, { module: true, compress: true, mangle: true })).code;

replace(wasmPath, wasmBefore, wasm);
replace(gluePath, glueBefore, glue);
writeFileSync(htmlPath, html);
console.log(
  `post-build: ${dropped.length} unused exports dropped, ${renamed} import and ${exportsRenamed} export names shortened; ` +
    `${wasmFile} ${wasmBefore.length} → ${wasm.length} bytes, ${glueFile} ${glueBefore.length} → ${glue.length} bytes`,
);
