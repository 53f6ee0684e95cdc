// Writes dist/sw.js, the service worker that lets readers open again, offline,
// what they opened online. Workbox's generateSW builds it (nothing of the
// caching is ours); the policy:
//
// - the app shell is precached: app.html (the page with no content in it)
//   and its wasm, JS, CSS and icons, as one version. A new build's worker
//   takes over at once (a page already running keeps its own wasm, in memory,
//   and tells the reader; its next navigation is a full load of the new
//   version: README). Not waiting on purpose: Chromium parks a waiting
//   worker told to activate while its page fetches, sometimes for minutes;
// - content JSON (/content/…) is stale-while-revalidate: posts and pages in
//   one cache of at most POSTS_KEPT, lists and site.json in another, the
//   least recently used evicted first, and one the site answers 404 or 410
//   for is forgotten; thumbnails cache-first;
// - a navigation goes to the network (the prerendered page) and, when there
//   is none, gets the precached shell, which renders the address from the
//   saved JSON (or says plainly that it is not saved). Prerendered pages are
//   not kept: each names the wasm of its own build, and a kept page must never
//   run another build's wasm, nor fail to find its own.
//
// Usage: node tools/service-worker.mjs <dist>
import { generateSW } from "workbox-build";

const dist = process.argv[2] ?? "dist";
// The cap on posts and pages kept for offline reading (issue: "e.g. 200").
const POSTS_KEPT = 200;
const LISTS_KEPT = 100;
const IMAGES_KEPT = 200;

// A content file the site no longer has (404 or 410: a post unpublished
// since, a list page gone) is forgotten when a revalidation finds it gone,
// so it is not shown from the cache again. (Workbox writes this function
// into sw.js as text: it may use nothing from this file.)
const forgetGone = {
  fetchDidSucceed: async ({ request, response }) => {
    if (response.status === 404 || response.status === 410) {
      for (const name of await caches.keys()) await (await caches.open(name)).delete(request);
    }
    return response;
  },
};

const { count, size, warnings } = await generateSW({
  globDirectory: dist,
  globPatterns: ["app.html", "*.{js,wasm,css}", "snippets/**/*.js", "favicon.svg", "icons/*.png", "manifest.webmanifest"],
  globIgnores: ["sw.js"],
  swDest: `${dist}/sw.js`,
  // Trunk's hashed names never change content: no revision needed.
  dontCacheBustURLsMatching: /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  cacheId: "russian-best",
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  skipWaiting: true,
  navigationPreload: true,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: "production",
  runtimeCaching: [
    {
      urlPattern: ({ request, url }) =>
        request.mode === "navigate" && url.origin === self.location.origin && !url.pathname.startsWith("/pagefind/"),
      handler: "NetworkOnly",
      options: { precacheFallback: { fallbackURL: "/app.html" } },
    },
    {
      urlPattern: ({ url }) => url.origin === self.location.origin && /^\/content\/(posts|pages)\//.test(url.pathname),
      handler: "StaleWhileRevalidate",
      options: { cacheName: "posts", expiration: { maxEntries: POSTS_KEPT }, cacheableResponse: { statuses: [200] }, plugins: [forgetGone] },
    },
    {
      urlPattern: ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/content/"),
      handler: "StaleWhileRevalidate",
      options: { cacheName: "lists", expiration: { maxEntries: LISTS_KEPT }, cacheableResponse: { statuses: [200] }, plugins: [forgetGone] },
    },
    {
      urlPattern: ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/images/"),
      handler: "CacheFirst",
      options: { cacheName: "images", expiration: { maxEntries: IMAGES_KEPT }, cacheableResponse: { statuses: [200] } },
    },
  ],
});
for (const warning of warnings) console.warn(`service worker: ${warning}`);
console.log(`service worker: sw.js precaches ${count} files, ${(size / 1024).toFixed(0)} KB`);
