// Reading offline: the service worker (Workbox's sw.js) keeps what the
// reader opened; offline it opens again with a notice, what was never
// opened says so; a new build takes over only when the reader lets it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";

// Offline, what was never kept fails to load, and the browser logs each one.
test.use({ serviceWorkers: "allow", allowConsoleErrors: [/net::ERR_(FAILED|INTERNET_DISCONNECTED)/] });
// Room for a new build's worker to install (INSTALL_TIMEOUT) and the rest.
test.describe.configure({ timeout: 90_000 });

const DACHA = "/post/dacha-home-away-from-home";
// A new build's worker downloads the app (1.35 MB) before it takes over; on
// 2 busy cores (the suite runs two browsers) that has taken over 20 s.
const INSTALL_TIMEOUT = 45_000;
const NEVER_OPENED = "/post/my-favorite-russian-food";

/** Waits until a worker controls the page and keeps the file at `url`. */
async function waitUntilKept(page: Page, url: string) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  await expect.poll(() => page.evaluate(async (url) => Boolean(await caches.match(url)), url)).toBe(true);
}

/** Asks the browser to look for a new build and waits until the page says
 *  one is in. The check is asked again while none is: on 2 busy cores
 *  Chromium has dropped one, and a browser checks again at every navigation
 *  anyway. */
async function checkForUpdate(page: Page) {
  await expect(async () => {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.locator(".update-notice")).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: INSTALL_TIMEOUT });
}

/** Waits until a worker controls the page and has kept what it showed (a new
 *  version is deployed after: one arriving while the page's requests run
 *  may be held back by Chromium for minutes). */
async function waitUntilSettled(page: Page) {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  await page.waitForLoadState("networkidle");
}

test("a post the site no longer has is forgotten once the worker finds it gone", async ({ page, context }) => {
  const file = `/content${DACHA.replace("/post/", "/posts/")}.json`;
  await openPage(page, DACHA);
  await waitUntilKept(page, file);
  // Unpublished since: the site answers 404 for it (the worker's own
  // requests are routed too).
  await context.route(`**${file}`, (route) => route.fulfill({ status: 404, body: "Not found" }));
  await page.evaluate((file) => fetch(file).then((r) => r.text()), file);
  await expect.poll(() => page.evaluate(async (file) => Boolean(await caches.match(file)), file)).toBe(false);
});

test("posts opened online read offline, from a reload and from a link; one never opened says so", async ({ page, context }) => {
  await openPage(page, DACHA);
  await waitUntilKept(page, `/content${DACHA.replace("/post/", "/posts/")}.json`);
  await openPage(page, KHRUSHCHEV);
  await waitUntilKept(page, `/content${KHRUSHCHEV.replace("/post/", "/posts/")}.json`);
  await waitUntilKept(page, "/content/site.json");
  // Online, nothing says "saved copy".
  await expect(page.locator(".saved-copy")).toHaveCount(0);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  await expect(page.locator(".saved-copy")).toContainText(/You are offline: this is the copy saved on this device on \w+ \d+, \d{4} at \d\d:\d\d/);
  await expect(page.locator(".site-title a")).toHaveText("Russian Best");
  await expect(page.locator("html[data-app=live]")).toBeAttached();

  // A link to the other post opened before: it reads too.
  await page.locator(`#primary-sidebar a[href="${DACHA}"]`).click();
  await expect(page).toHaveURL(DACHA);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/dacha/i);
  await expect(page.locator(".saved-copy")).toBeVisible();

  // A post never opened: said plainly, with Retry.
  await page.locator(`#primary-sidebar a[href="${NEVER_OPENED}"]`).click();
  const panel = page.locator(".load-error");
  await expect(panel).toContainText("It is not saved on this device");
  await expect(panel.getByRole("button", { name: "Retry" })).toBeVisible();
  // The page is named, for the title bar and screen readers.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sorry, the post “my-favorite-russian-food” could not be loaded.");
  await expect(page).toHaveTitle("Could not be loaded — Russian Best");
  await expect(page.locator(".saved-copy")).toHaveCount(0);

  // Back online, it loads (coming back online retries; so does Retry, which
  // a reader presses until it does).
  await context.setOffline(false);
  await expect(async () => {
    if (await panel.isVisible()) await panel.getByRole("button", { name: "Retry" }).click();
    // (The error's own heading names the post's slug, "…-food".)
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My Favorite Russian Food", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator(".load-error")).toHaveCount(0);
});

test("an address never opened, reloaded offline, gets the app and says it is not saved", async ({ page, context }) => {
  await openPage(page, "/");
  await waitUntilKept(page, "/content/site.json");
  await context.setOffline(true);
  await page.goto(NEVER_OPENED);
  await expect(page.locator(".load-error")).toContainText("It is not saved on this device");
  // The rest of the page (menu, sidebar) is there.
  await expect(page.locator(".site-title a")).toHaveText("Russian Best");
  await context.setOffline(false);
});

/**
 * A host that can deploy "a new build": it serves the suite's server, but
 * its sw.js changes when `deploy()` is called (a new build's worker differs
 * by its precache list; this one also answers "which version?").
 */
async function deployableHost(origin: string) {
  let version = 1;
  const server: Server = createServer(async (req, res) => {
    let upstream: Response;
    let body: Buffer;
    try {
      upstream = await fetch(origin + req.url, { method: req.method, headers: { "accept-encoding": "identity" }, redirect: "manual" });
      body = Buffer.from(await upstream.arrayBuffer());
    } catch (e) {
      console.log(`test host: ${req.method} ${req.url}: ${e}`);
      res.writeHead(502);
      return res.end();
    }
    const headers = Object.fromEntries([...upstream.headers].filter(([name]) => !["content-encoding", "content-length", "transfer-encoding"].includes(name)));
    if (req.url === "/sw.js" && version === 2) {
      body = Buffer.concat([body, Buffer.from(`\nself.addEventListener("message",(e)=>{if(e.data==="version")e.source.postMessage("build 2")});\n`)]);
    }
    res.writeHead(upstream.status, headers);
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    deploy: () => (version = 2),
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The build of the worker controlling the page ("build 1" when it does not say). */
function controllingBuild(page: Page) {
  return page.evaluate(
    () =>
      new Promise<string>((done) => {
        navigator.serviceWorker.addEventListener("message", (e) => done(String(e.data)), { once: true });
        navigator.serviceWorker.controller!.postMessage("version");
        setTimeout(() => done("build 1"), 1000);
      }),
  );
}

test("a new build is announced; the page runs on in its version until Reload", async ({ page, baseURL }) => {
  const host = await deployableHost(baseURL!);
  try {
    await openPage(page, `${host.url}${KHRUSHCHEV}`);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    expect(await controllingBuild(page)).toBe("build 1");
    await waitUntilSettled(page);

    // A mark on this page's window: gone only if the page is loaded again.
    await page.evaluate(() => ((window as unknown as { oldPage: boolean }).oldPage = true));
    host.deploy();
    await checkForUpdate(page);
    const notice = page.locator(".update-notice");
    await expect(notice).toContainText("A new version of this site is available.");
    // The page runs on as it is until the reader says so.
    await page.getByRole("textbox", { name: "Comment" }).fill("Typed meanwhile");
    expect(await page.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage)).toBe(true);
    const reloaded = page.waitForEvent("load");
    await notice.getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await expect(page.locator(".update-notice")).toHaveCount(0);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    expect(await controllingBuild(page)).toBe("build 2");
    await expect(page).toHaveURL(`${host.url}${KHRUSHCHEV}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { oldPage?: boolean }).oldPage)).toBeUndefined();
    // What was typed is still there (drafts are kept in the browser).
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Typed meanwhile");
  } finally {
    await host.close();
  }
});

test("Back, once a new build is in, loads the page it reaches afresh; Later hides the notice", async ({ page, baseURL }) => {
  const host = await deployableHost(baseURL!);
  try {
    await openPage(page, `${host.url}/`);
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    await page.locator(".entry-summary .entry-title a").first().click();
    await expect(page).toHaveURL(/\/post\//);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await waitUntilSettled(page);
    host.deploy();
    await checkForUpdate(page);
    const notice = page.locator(".update-notice");
    await expect(notice).toBeVisible();
    await notice.getByRole("button", { name: "Later" }).click();
    await expect(notice).toHaveCount(0);
    const reloaded = page.waitForEvent("load");
    await page.goBack();
    await reloaded;
    await expect(page).toHaveURL(`${host.url}/`);
    await expect(page.locator(".entry-summary").first()).toBeVisible();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    expect(await controllingBuild(page)).toBe("build 2");
  } finally {
    await host.close();
  }
});

test("a new build is taken at the next navigation when the notice is left alone", async ({ page, baseURL }) => {
  const host = await deployableHost(baseURL!);
  try {
    await openPage(page, `${host.url}${KHRUSHCHEV}`);
    await waitUntilSettled(page);
    host.deploy();
    await checkForUpdate(page);
    await expect(page.locator(".update-notice")).toBeVisible();
    // Following a link loads the page afresh, in the new version.
    const reloaded = page.waitForEvent("load");
    await page.locator(`#primary-sidebar a[href="${DACHA}"]`).click();
    await reloaded;
    await expect(page).toHaveURL(`${host.url}${DACHA}`);
    await expect(page.locator(".update-notice")).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    expect(await controllingBuild(page)).toBe("build 2");
  } finally {
    await host.close();
  }
});

test("the site is installable: a manifest with its name, icons and colours", async ({ page, request }) => {
  await openPage(page, "/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const response = await request.get(href!);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest.name).toBe("Russian Best");
  expect(manifest.short_name).toBe("Russian Best");
  expect(manifest.start_url).toBe("/");
  expect(manifest.display).toBe("standalone");
  for (const icon of manifest.icons) {
    const image = await request.get(icon.src);
    expect(image.ok(), icon.src).toBe(true);
  }
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
  // sw.js is always revalidated: a new build's worker is found at once.
  const sw = await request.get("/sw.js");
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  const csp = (await request.get("/")).headers()["content-security-policy"];
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
});
