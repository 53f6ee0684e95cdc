// The Content-Security-Policy the app runs under (tools/serve.mjs sends it;
// README's deploy notes say how to send the same from a host).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

// Trunk's loader is an inline module script, and index.html has the early
// content download: allow exactly those, by hash.
// `wordpress` is the REST root of the site the content was imported from
// (site.json's `wordpress`): the app may connect to its origin, and only it.
export function contentSecurityPolicy(indexHtml, wordpress = null) {
  const hashes = [...indexHtml.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim().length > 0)
    .map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${wordpressOrigin(wordpress)}`,
    "font-src 'self'",
    // The service worker (sw.js) and the web app manifest: same origin only.
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function wordpressOrigin(root) {
  if (!root) return "";
  try {
    const url = new URL(root);
    return url.protocol === "https:" || url.protocol === "http:" ? ` ${url.origin}` : "";
  } catch {
    return "";
  }
}

/** The WordPress REST root named by a built site's content, if any. */
export function wordpressRoot(dist) {
  try {
    return JSON.parse(readFileSync(join(dist, "content", "site.json"), "utf8")).wordpress ?? null;
  } catch {
    return null;
  }
}

// `node tools/csp.mjs dist/index.html` prints the header for a host's config.
if (import.meta.url === `file://${process.argv[1]}`) {
  const index = process.argv[2] ?? "dist/index.html";
  console.log(contentSecurityPolicy(readFileSync(index, "utf8"), wordpressRoot(dirname(index))));
}
