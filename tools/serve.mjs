// Serves dist/ as a static host should: sirv sends each file's precompressed
// copy (.br or .gz, written by tools/post-build.mjs) by Accept-Encoding, and
// each prerendered page for its address (`/post/x` → post/x.html); around it,
// real 404s with the prerendered "Page not found" page (404.html) for
// addresses the site does not have, the app shell (app.html) for a post,
// page or category whose content file exists but was added after the build,
// cache headers (hashed files forever, the rest revalidated: sw.js too, so a
// new build's service worker is found at once), WordPress's
// search address `/?s=` sent to `/search?q=`, and the app's
// Content-Security-Policy.
//
// Usage: node tools/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--content DIR]
//   --port 0 picks a free port; the chosen URL is printed on the first line.
//   --content serves /content/* from DIR instead (the bench's generated site);
//   every page is then the app shell, since the prerendered pages hold dist's
//   own content.
import { createServer } from "node:http";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import sirv from "sirv";
import { contentSecurityPolicy, imageOrigins, wordpressRoot } from "./csp.mjs";

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

// app.html (the shell the prerendered pages were made from) holds every
// inline script a page may have; older builds have only index.html.
const shell = existsSync(join(dir, "app.html")) ? "app.html" : "index.html";
const csp = contentSecurityPolicy(readFileSync(join(dir, shell), "utf8"), wordpressRoot(dir), imageOrigins(dir));

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
    // Trunk names the wasm, JS and CSS after their hash, Pagefind its index
    // chunks and fragments: they never change.
    const hashed =
      /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(pathname) || /^\/pagefind\/.*\.pf_(meta|index|fragment)$/.test(pathname);
    res.setHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
    if (pathname.endsWith(".json")) res.setHeader("Content-Type", "application/json; charset=utf-8");
    if (pathname.endsWith(".webmanifest")) res.setHeader("Content-Type", "application/manifest+json; charset=utf-8");
  },
};
const files = sirv(dir, options);
const content = contentDir ? sirv(contentDir, options) : null;

function notFound(res) {
  commonHeaders(res);
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("Not found");
}

// The prerendered "Page not found" page, with its status.
function pageNotFound(req, res) {
  if (!existsSync(join(dir, "404.html"))) return notFound(res);
  req.url = "/404.html";
  delete req.headers["if-none-match"];
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (_status, ...rest) => writeHead(404, ...rest);
  files(req, res, () => notFound(res));
}

// The content file behind an app address, if the address names one:
// `/post/<slug>` → content/posts/<slug>.json, and so on.
function contentFileOf(path) {
  const m = /^\/(post|page|category)\/([^/]+)$/.exec(path);
  if (!m) return null;
  let slug;
  try {
    slug = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  if (slug.includes("/") || slug.includes("..")) return null;
  const root = contentDir ?? join(dir, "content");
  return { post: join(root, "posts", `${slug}.json`), page: join(root, "pages", `${slug}.json`), category: join(root, "index", "category", slug, "1.json") }[m[1]];
}

// An import's old addresses (content/redirects.json, written by make
// import): the WordPress permalinks, `/?p=<id>` and the like, answered with
// a 301 to the app's address. Compared as src/import/addresses.rs does:
// percent-decoded, without a trailing slash, only the id queries.
function redirectKey(path, query) {
  let decoded;
  try {
    decoded = decodeURIComponent(path).replace(/\/+$/, "");
  } catch {
    return null;
  }
  const id = (query ?? "").split("&").find((pair) => /^(p|page_id|cat)=/.test(pair));
  return id ? `${decoded}/?${id}` : decoded || "/";
}

function readRedirects() {
  const file = join(contentDir ?? join(dir, "content"), "redirects.json");
  const redirects = new Map();
  if (!existsSync(file)) return redirects;
  for (const { from, to } of JSON.parse(readFileSync(file, "utf8")).redirects ?? []) {
    if (typeof from !== "string" || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) continue;
    const [path, query] = from.split(/\?(.*)/s);
    const key = redirectKey(path, query);
    // The first target recorded for an address is its target, as in _redirects.
    if (key !== null && key !== redirectKey(to) && !redirects.has(key)) redirects.set(key, to);
  }
  return redirects;
}
const redirects = readRedirects();

const server = createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    commonHeaders(res);
    res.writeHead(405, { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" });
    return res.end("Method not allowed");
  }
  const [path, query] = (req.url ?? "/").split(/\?(.*)/s);
  // WordPress's search address (`/?s=<words>`) is the app's results page.
  const words = path === "/" ? new URLSearchParams(query ?? "").get("s") : null;
  if (words !== null) {
    commonHeaders(res);
    res.writeHead(301, { Location: `/search?q=${encodeURIComponent(words)}` });
    return res.end();
  }
  const oldAddress = redirects.get(redirectKey(path, query));
  if (oldAddress) {
    commonHeaders(res);
    res.writeHead(301, { Location: oldAddress });
    return res.end();
  }
  // WordPress's addresses end in a slash; the app's do not.
  if (path.length > 1 && path.endsWith("/") && !path.startsWith("/content/")) {
    commonHeaders(res);
    res.writeHead(301, { Location: path.replace(/\/+$/, "") + (query ? `?${query}` : "") });
    return res.end();
  }
  // Missing content and assets are plain 404s; an address the build did not
  // prerender is the app shell if its content exists, else "Page not found".
  const isFile = path.startsWith("/content/") || extname(path) !== "";
  const app = () => {
    if (isFile) return notFound(res);
    const file = contentFileOf(path);
    if (!file || !existsSync(file)) return pageNotFound(req, res);
    req.url = "/app.html";
    files(req, res, () => notFound(res));
  };
  if (content && path.startsWith("/content/")) {
    req.url = req.url.slice("/content".length);
    return content(req, res, () => notFound(res));
  }
  if (content && !isFile) {
    req.url = "/app.html";
    return files(req, res, () => notFound(res));
  }
  files(req, res, app);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${dir} at http://${host}:${actual}/`);
});
