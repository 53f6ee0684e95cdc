// The service worker's side in the page (sw.js is Workbox's, written by
// tools/service-worker.mjs). Every function fails quietly: without a
// worker (an old browser, a blocked registration, `make dev`) the site
// works as before, only not offline.

let updated = false;
let leaving = false;

// Some browsers throw (SecurityError) on merely reading it when the reader
// blocks site data.
function container() {
  try {
    return navigator.serviceWorker ?? null;
  } catch {
    return null;
  }
}

/** Registers /sw.js; `onUpdate()` is called once a new version's worker has
 *  taken over (a first install is not an update). The page itself runs on in
 *  its own version until the reader reloads or goes to another page, which is
 *  then loaded in the new one (see `loadNewVersion`). */
export function registerWorker(onUpdate) {
  const workers = container();
  if (!workers) return;
  let controlled = Boolean(workers.controller);
  workers.addEventListener("controllerchange", () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (updated) return;
    updated = true;
    addEventListener("click", followInNewVersion, { capture: true });
    addEventListener("popstate", reloadInNewVersion, { capture: true });
    onUpdate();
  });
  // A blocked registration (a browser setting, a test) rejects or gives
  // nothing: the site then works as before, only not offline.
  new Promise((done) => done(workers.register("/sw.js"))).catch(() => {});
}

/** Resolves once a worker controls this page (at once on a later visit;
 *  after its first install on the first). */
export function whenControlled() {
  const workers = container();
  if (!workers) return new Promise(() => {});
  if (workers.controller) return Promise.resolve();
  return new Promise((done) => workers.addEventListener("controllerchange", () => done(), { once: true }));
}

/** Whether a worker controls this page (what is opened is being kept). */
export function isControlled() {
  return Boolean(container()?.controller);
}

/** Asks the worker to keep `urls` (content this page showed without asking
 *  it: a prerendered page's data, downloads made before it was in control)
 *  and the page's own images. Fetching through it is how its caches get them. */
export async function keep(urls) {
  const images = [...document.images]
    .map((image) => image.currentSrc || image.src)
    .filter((src) => src.startsWith(location.origin + "/"));
  for (const url of [...urls, ...images]) {
    try {
      // The body is read to its end: an unread answer would keep the
      // worker's fetch open, and a new version waits for it to close.
      if (!(await caches.match(url))) await (await fetch(url)).arrayBuffer();
    } catch {
      // Offline or refused: it will be kept the next time it is opened.
    }
  }
}

/** When the kept copy of `url` was fetched (ms since 1970, from its Date
 *  header), or null when none is kept. */
export async function savedAt(url) {
  try {
    const response = await caches.match(url);
    const date = response ? Date.parse(response.headers.get("date") ?? "") : NaN;
    return Number.isFinite(date) ? date : null;
  } catch {
    return null;
  }
}

/** Loads `to` (default: this page again) afresh, in the new version. */
export function loadNewVersion(to) {
  if (leaving) return;
  leaving = true;
  if (to && to !== location.href) location.assign(to);
  else location.reload();
}

/** Once a new version is in, Back and Forward load the address they reach
 *  afresh, ahead of the app's router (a capturing listener runs first). */
function reloadInNewVersion(event) {
  event.stopImmediatePropagation();
  loadNewVersion(location.href);
}

/** Once a new version is in, a link to another page of the site is followed
 *  by loading that page afresh, in the new version, instead of the running
 *  app rendering it. */
function followInNewVersion(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/pagefind/")) return;
  if (url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  loadNewVersion(url.href);
}
