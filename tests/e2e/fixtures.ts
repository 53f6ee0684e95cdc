import { test as base, expect, type Page } from "@playwright/test";

/**
 * Every test fails if the page logs a console error or throws an uncaught
 * exception. A test that provokes a failure on purpose lists the console
 * messages it expects in `allowConsoleErrors` (matched against the message
 * followed by the URL it concerns).
 */
export const test = base.extend<{ allowConsoleErrors: RegExp[]; pageErrors: string[] }>({
  allowConsoleErrors: [[], { option: true }],
  pageErrors: [
    async ({ page, allowConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        // The resource's URL is part of what an allowance can match.
        const text = `${message.text()} ${message.location().url}`;
        if (!allowConsoleErrors.some((pattern) => pattern.test(text))) errors.push(`console error: ${text}`);
      });
      page.on("pageerror", (error) => errors.push(`uncaught exception: ${error.message}`));
      await use(errors);
      expect(errors, "console errors or uncaught exceptions").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until the route's content is in and the app runs the page (a
 *  prerendered page shows its content before the wasm has taken it over). */
export async function openPage(page: Page, path: string, siteTitle = "Russian Best") {
  await page.goto(path);
  await expect(page.locator(".site-title a")).toHaveText(siteTitle);
  await expect(page.locator("html[data-app=live]")).toBeAttached();
}

export const KHRUSHCHEV = "/post/what-was-khrushchevs-secret-speech";

/**
 * Holds the app's wasm back until the returned function is called: the page
 * stays as prerendered, not yet taken over, as on a slow network.
 */
export async function holdWasm(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/**
 * Serves the app shell (app.html, the page with no content in it) for every
 * address this page opens, as a host does for a post added after the build:
 * the content then comes from the app's own requests, which a test can
 * route (fail, damage, delay).
 */
export async function useAppShell(page: Page) {
  await page.route(
    (url) => !url.pathname.startsWith("/content/") && !/\.[a-z0-9]+$/i.test(url.pathname),
    async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch({ url: new URL("/app.html", route.request().url()).href });
      await route.fulfill({ response, status: 200 });
    },
  );
}
