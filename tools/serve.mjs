// Serves dist/ as a static host should: sirv sends each file's precompressed
// copy (.br or .gz, written by tools/post-build.mjs) by Accept-Encoding;
// around it, the SPA fallback (every path without an extension is the app),
// real 404s under /content/ and for missing assets, cache headers (hashed
// files forever, the rest revalidated) and the app's Content-Security-Policy.
//
// Usage: node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--content DIR]
//   --port 0 picks a free port; the chosen URL is printed on the first line.
//   --content serves /content/* from DIR instead (the bench's generated site).
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import sirv from "sirv";
import { contentSecurityPolicy, wordpressRoot } from "./csp.mjs";

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

const csp = contentSecurityPolicy(readFileSync(join(dir, "index.html"), "utf8"), wordpressRoot(dir));

function commonHeaders(res) {
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
}

const options = {
  brotli: true,
  gzip: true,
  etag: true,
  setHeaders(res, pathname) {
    commonHeaders(res);
    // Trunk names the wasm, JS and CSS after their hash: they never change.
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(pathname);
    res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    if (pathname.endsWith(".json")) res.setHeader("Content-Type", "application/json; charset=utf-8");
  },
};
const files = sirv(dir, options);
const content = contentDir ? sirv(contentDir, options) : null;

function notFound(res) {
  commonHeaders(res);
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Not found");
}

const server = createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    commonHeaders(res);
    res.writeHead(405, { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" });
    return res.end("Method not allowed");
  }
  const path = (req.url ?? "/").split("?")[0];
  // Missing content and assets are real 404s; every other path is a route.
  const isFile = path.startsWith("/content/") || extname(path) !== "";
  const app = () => {
    if (isFile) return notFound(res);
    req.url = "/index.html";
    files(req, res, () => notFound(res));
  };
  if (content && path.startsWith("/content/")) {
    req.url = req.url.slice("/content".length);
    return content(req, res, () => notFound(res));
  }
  files(req, res, app);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${dir} at http://${host}:${actual}/`);
});
