// The Content-Security-Policy the app runs under (tools/serve.mjs sends it;
// README's deploy notes say how to send the same from a host).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

// Trunk's loader is an inline module script, and index.html has the early
// content download: allow exactly those, by hash.
// `wordpress` is the REST root of the site the content was imported from
// (site.json's `wordpress`): the app may connect to its origin, and only it.
// `imageOrigins` (site.json's `image_origins`): where the content's images
// are (an imported site's uploads, its CDN); images may load from them.
export function contentSecurityPolicy(indexHtml, wordpress = null, imageOrigins = []) {
  const hashes = [...indexHtml.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .filter((body) => body.trim().length > 0)
    .map((body) => `'sha256-${createHash("sha256").update(body).digest("base64")}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self'",
    `img-src 'self' data:${imageOrigins.map(origin).filter(Boolean).map((o) => ` ${o}`).join("")}`,
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
  const o = origin(root);
  return o ? ` ${o}` : "";
}

/** The http(s) origin of `address`, or null. */
function origin(address) {
  if (!address) return null;
  try {
    const url = new URL(address);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

function siteJson(dist) {
  try {
    return JSON.parse(readFileSync(join(dist, "content", "site.json"), "utf8"));
  } catch {
    return {};
  }
}

/** The WordPress REST root named by a built site's content, if any. */
export function wordpressRoot(dist) {
  return siteJson(dist).wordpress ?? null;
}

/** The origins a built site's content takes images from (none for our own files). */
export function imageOrigins(dist) {
  const origins = siteJson(dist).image_origins;
  return Array.isArray(origins) ? origins.filter((o) => typeof o === "string") : [];
}

// `node tools/csp.mjs dist/index.html` prints the header for a host's config.
if (import.meta.url === `file://${process.argv[1]}`) {
  const index = process.argv[2] ?? "dist/index.html";
  const dist = dirname(index);
  console.log(contentSecurityPolicy(readFileSync(index, "utf8"), wordpressRoot(dist), imageOrigins(dist)));
}
