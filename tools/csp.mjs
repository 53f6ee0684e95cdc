// The Content-Security-Policy the app runs under (tools/serve.mjs sends it;
// README's deploy notes say how to send the same from a host).
import { createHash } from "node:crypto";

// Trunk's loader is an inline module script, and index.html has the early
// content download: allow exactly those, by hash.
export function contentSecurityPolicy(indexHtml) {
  const hashes = [...indexHtml.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
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

// `node tools/csp.mjs dist/index.html` prints the header for a host's config.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import("node:fs");
  console.log(contentSecurityPolicy(readFileSync(process.argv[2] ?? "dist/index.html", "utf8")));
}
