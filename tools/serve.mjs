// A small static server for dist/: the SPA fallback a static host needs,
// correct MIME types, and the Content-Security-Policy the app runs under.
// Usage: node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--content DIR]
//   --port 0 picks a free port; the chosen URL is printed on the first line.
//   --content serves /content/* from DIR instead (the bench's generated site).
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const dir = resolve(args.dir ?? "dist");
const contentDir = args.content ? resolve(args.content) : null;
const port = Number(args.port ?? 8080);
const host = args.host ?? "127.0.0.1";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

const indexHtml = await readFile(join(dir, "index.html"), "utf8");

// Trunk's loader is an inline module script: allow exactly it, by hash.
function contentSecurityPolicy(html) {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim().length > 0)
    .map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
const csp = contentSecurityPolicy(indexHtml);

function within(root, urlPath) {
  const full = normalize(join(root, urlPath));
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

function send(res, status, type, body, extra = {}) {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...extra,
  });
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "text/plain; charset=utf-8", "Method not allowed");
    }
    let file = null;
    if (contentDir && path.startsWith("/content/")) {
      const target = within(contentDir, path.slice("/content/".length));
      file = target && (await fileAt(target));
    } else {
      const target = within(dir, path);
      file = target && (await fileAt(target));
    }
    if (file) {
      const body = await readFile(file);
      const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
      const cache = hashed ? "public, max-age=31536000, immutable" : "no-cache";
      return send(res, 200, TYPES[extname(file)] ?? "application/octet-stream", req.method === "HEAD" ? "" : body, {
        "Cache-Control": cache,
      });
    }
    // Missing content and assets are real 404s; every other path is a route.
    if (path.startsWith("/content/") || extname(path) !== "") {
      return send(res, 404, "text/plain; charset=utf-8", "Not found");
    }
    return send(res, 200, TYPES[".html"], req.method === "HEAD" ? "" : indexHtml, { "Cache-Control": "no-cache" });
  } catch (error) {
    send(res, 400, "text/plain; charset=utf-8", "Bad request");
  }
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${dir} at http://${host}:${actual}/`);
});
