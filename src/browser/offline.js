// The service worker's side in the page (sw.js is Workbox's, written by
// tools/service-worker.mjs). Every function fails quietly: without a
// worker (an old browser, a blocked registration, `make dev`) the site
// works as before, only not offline.

let waiting = null;
let reloading = false;

const container = () => ("serviceWorker" in navigator ? navigator.serviceWorker : null);

/** Registers /sw.js; `onUpdate()` is called when a new version is installed
 *  and waits for the reader (a first install is not an update). */
export function registerWorker(onUpdate) {
  const workers = container();
  if (!workers) return;
  const offer = (worker) => {
    if (worker && workers.controller) {
      waiting = worker;
      addEventListener("click", followInNewVersion, { capture: true });
      onUpdate();
    }
  };
  new Promise((done) => done(workers.register("/sw.js"))).then(
    (registration) => {
      // A blocked registration (a browser setting, a test) has none.
      if (!registration) return;
      offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => worker.state === "installed" && offer(worker));
      });
    },
    () => {},
  );
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

/** Lets the waiting version take over, then loads `to` (default: this
 *  page again) in it. Without one waiting (another tab let it in) it just
 *  loads, which is what is asked. */
export function activateUpdate(to) {
  const go = () => {
    if (reloading) return;
    reloading = true;
    if (to && to !== location.href) location.assign(to);
    else location.reload();
  };
  const workers = container();
  if (!workers || !waiting || waiting.state !== "installed") return go();
  workers.addEventListener("controllerchange", go);
  waiting.postMessage({ type: "SKIP_WAITING" });
  // Chromium parks a new version whose activation meets a request to the old
  // one; the page is then loaded all the same (the old version's, with the
  // notice again) rather than never.
  setTimeout(go, PARKED_AFTER_MS);
}

const PARKED_AFTER_MS = 3000;

/** While a new version waits, a link to another page of the site is followed
 *  by loading that page in the new version (before the app's router would
 *  fetch its content from the old one: those requests are what park it). */
function followInNewVersion(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith("/pagefind/")) return;
  if (url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  activateUpdate(url.href);
}
