// Search: the header's box, /search?q=, and what happens when the index
// cannot load. The index is Pagefind's, built by `make build` from the
// prerendered posts (dist/pagefind/).
import { test, expect, openPage, holdWasm, KHRUSHCHEV } from "./fixtures";
import type { Page } from "@playwright/test";
import { gzipSync } from "node:zlib";

const COCKTAIL = "/post/what-is-a-cocktail-with-vodka-and-cranberry-juice-called";
const HOCKEY = "/post/why-is-russia-so-good-at-ice-hockey";
const SMS = "/post/where-can-i-send-free-sms-messages-to-russian-mobiles";

const box = (page: Page) => page.getByRole("searchbox", { name: "Search the site" });
const suggestions = (page: Page) => page.locator("#search-suggestions");
const results = (page: Page) => page.locator("#main-content .search-result");

test("a word only in an answer finds its post and links to that answer", async ({ page }) => {
  await openPage(page, "/");
  await box(page).fill("lingonberry");
  const first = suggestions(page).locator(".search-result").first();
  await expect(first).toContainText("What is a cocktail with vodka and cranberry juice called?");
  await expect(first).toContainText("in an answer");
  await expect(first.locator("mark").first()).toHaveText(/lingonberry/i);
  await expect(first.getByRole("link")).toHaveAttribute("href", `${COCKTAIL}#answer-1`);
  // The count is in a polite live region.
  await expect(page.locator(".search-form [role=status]")).toHaveText("1 result for “lingonberry”");

  // Enter: the results page, its address holding the words.
  await box(page).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=lingonberry$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search results for “lingonberry”");
  await expect(results(page)).toHaveCount(1);
  await results(page).getByRole("link").click();
  await expect(page).toHaveURL(`${COCKTAIL}#answer-1`);
  await expect(page.locator("#answer-1")).toBeInViewport();
});

test("a word only in a comment links to the comment; a stem finds the plural", async ({ page }) => {
  await openPage(page, "/search?q=winnipeg");
  await expect(results(page)).toHaveCount(1);
  await expect(results(page)).toContainText("in a comment");
  await expect(results(page).getByRole("link")).toHaveAttribute("href", `${HOCKEY}#comment-1801`);
  await expect(page.locator(".search-count")).toHaveText("1 result for “winnipeg”");

  // "sticker" finds the comment that says "stickers".
  await openPage(page, "/search?q=sticker");
  const found = results(page).filter({ has: page.locator(`a[href^="${SMS}"]`) });
  await expect(found).toHaveCount(1);
  await expect(found.locator("mark").first()).toHaveText(/stickers/i);
});

test("a search narrowed to a category lists only that category; reload and back keep the search", async ({ page }) => {
  await openPage(page, "/search?q=soviet");
  await expect(results(page).first()).toBeVisible();
  const all = await results(page).count();
  const categories = await results(page).locator(".entry-meta").allTextContents();
  expect(new Set(categories.map((c) => c.split(" · ")[0])).size, "soviet is in several categories").toBeGreaterThan(1);

  await page.getByLabel("Search in").selectOption("history-and-politics");
  await expect(page).toHaveURL(/\/search\?q=soviet&category=history-and-politics$/);
  await expect(page.locator(".search-count")).toBeVisible();
  const narrowed = await results(page).locator(".entry-meta").allTextContents();
  expect(narrowed.length).toBeGreaterThan(0);
  expect(narrowed.length).toBeLessThan(all);
  for (const meta of narrowed) expect(meta).toMatch(/^History and Politics · /);

  await page.reload();
  await expect(page.locator("html[data-app=live]")).toBeAttached();
  await expect(results(page)).toHaveCount(narrowed.length);
  await expect(box(page)).toHaveValue("soviet");
  await expect(page.getByLabel("Search in")).toHaveValue("history-and-politics");

  await results(page).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/post\//);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=soviet&category=history-and-politics$/);
  await expect(results(page)).toHaveCount(narrowed.length);
});

test("results are paged ten at a time, each page with its own address", async ({ page }) => {
  await openPage(page, "/search?q=russia");
  await expect(page.locator(".search-count")).toHaveText(/^\d+ results for “russia”$/);
  const count = await page.locator(".search-count").textContent();
  const total = Number(count?.match(/^(\d+) results/)?.[1]);
  expect(total, "russia is in more than ten posts").toBeGreaterThan(10);
  await expect(results(page)).toHaveCount(10);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/\/search\?q=russia&page=2$/);
  await expect(results(page)).toHaveCount(Math.min(10, total - 10));
  await page.reload();
  await expect(results(page)).toHaveCount(Math.min(10, total - 10));

  // Past the last page: said so, with the way back.
  await openPage(page, "/search?q=russia&page=999");
  await expect(page.getByText("There is nothing on this page of the results.")).toBeVisible();
  await page.getByRole("link", { name: "Go to the first page" }).click();
  await expect(results(page)).toHaveCount(10);
  // A category the site does not have narrows nothing, and says so.
  await openPage(page, "/search?q=russia&category=no-such-category");
  await expect(page.locator(".search-count")).toHaveText(count!);
  await expect(page.getByLabel("Search in")).toHaveValue("");
});

test("no results says so and offers the categories; WordPress's /?s= opens the results", async ({ page }) => {
  await openPage(page, "/search?q=zzqqxxnothing");
  await expect(page.locator(".search-count")).toHaveText("No results for “zzqqxxnothing”");
  await expect(page.locator("#main-content .category-links a")).toHaveCount(10);

  await openPage(page, "/?s=winnipeg");
  await expect(page).toHaveURL(/\/search\?q=winnipeg$/);
  await expect(results(page)).toHaveCount(1);
});

test("keyboard only: / focuses the box, arrows reach a result, Enter opens it", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await page.keyboard.press("/");
  await expect(box(page)).toBeFocused();
  await page.keyboard.type("winnipeg");
  await expect(suggestions(page).locator(".search-result")).toHaveCount(1);
  await page.keyboard.press("ArrowDown");
  await expect(suggestions(page).locator(".search-result a")).toBeFocused();
  // Up from the first result goes back to the box; Escape closes the results.
  await page.keyboard.press("ArrowUp");
  await expect(box(page)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(suggestions(page)).toBeHidden();
  await expect(box(page)).toHaveValue("winnipeg");
  // Escape on a result closes them too, and focus goes back to the box.
  await box(page).press("ArrowDown");
  await expect(suggestions(page)).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(suggestions(page).locator(".search-result a")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(suggestions(page)).toBeHidden();
  await expect(box(page)).toBeFocused();
  // Tabbing out of the form and back in shows them again, and Tab passes
  // the button to the result.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Shift+Tab");
  await expect(suggestions(page)).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(suggestions(page).locator(".search-result a")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${HOCKEY}#comment-1801`);
  await expect(page.locator("#comment-1801")).toBeInViewport();
});

test("words typed into the prerendered box before the app takes the page over stay, and Enter searches them", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto(KHRUSHCHEV, { waitUntil: "domcontentloaded" });
  await box(page).fill("secret speech");
  await expect(page.locator("html[data-app=live]")).not.toBeAttached();
  release();
  await expect(page.locator("html[data-app=live]")).toBeAttached();
  await expect(box(page)).toHaveValue("secret speech");
  await box(page).press("Enter");
  await expect(page).toHaveURL(/\/search\?q=secret(\+|%20)speech$/);
  await expect(results(page).first()).toBeVisible();
});

test("nothing of the search engine loads with the page; focusing the box loads it", async ({ page }) => {
  const engine: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/pagefind/")) engine.push(request.url());
  });
  for (const path of ["/", KHRUSHCHEV]) {
    await openPage(page, path);
    await page.waitForLoadState("networkidle");
  }
  expect(engine).toEqual([]);
  await box(page).focus();
  await expect.poll(() => engine.some((url) => url.endsWith("/pagefind/pagefind.js"))).toBe(true);
});

test.describe("when the index cannot load", () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 404 .*\/pagefind\//] });

  test("the box says so in plain words, keeps the words, and the page keeps working", async ({ page }) => {
    await page.route("**/pagefind/**", (route) => route.fulfill({ status: 404, body: "Not found" }));
    await openPage(page, "/");
    await box(page).fill("tea");
    await expect(suggestions(page)).toContainText("Search is not available: the search index could not be loaded from this site.");
    await expect(box(page)).toHaveValue("tea");
    // The rest of the page works: the menu opens a category.
    await page.getByRole("button", { name: "Questions and Answers" }).click();
    await page.getByRole("link", { name: "Food and Drinks" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Food and Drinks");

    // The results page says so too, with Retry, which works once the index is back.
    await openPage(page, "/search?q=winnipeg");
    await expect(page.getByRole("alert")).toContainText("Sorry, search could not be loaded.");
    await page.unroute("**/pagefind/**");
    await page.getByRole("button", { name: "Retry" }).click();
    await expect(results(page)).toHaveCount(1);
  });
});

test.describe("when part of the index fails to load", () => {
  test.use({ allowConsoleErrors: [/404 .*\/pagefind\/|Failed to load the meta index|Pagefind: WASM Error/] });

  test("search works again once it loads, without a reload", async ({ page }) => {
    // The engine's runtime loads; the index's metadata does not.
    await page.route("**/pagefind/*.pf_meta", (route) => route.fulfill({ status: 404, body: "Not found" }));
    await openPage(page, "/");
    await box(page).fill("winnipeg");
    await expect(suggestions(page)).toContainText("Search is not available");
    await page.unroute("**/pagefind/*.pf_meta");
    await box(page).fill("lingonberry");
    await expect(suggestions(page).locator(".search-result")).toHaveCount(1);
  });
});

test("hostile text from the index and in the query stays text", async ({ page }) => {
  const hostile = `<img src=x onerror="window.__xss=1"> "><script>window.__xss=1</script> vodka`;
  // Every fragment the engine fetches describes a post full of markup.
  await page.route("**/pagefind/fragment/*.pf_fragment", (route) => {
    const fragment = {
      url: "/post/x.html?<script>",
      content: hostile,
      word_count: 8,
      filters: {},
      meta: { title: hostile, category: hostile, date: "<b>2012</b>" },
      anchors: [{ element: "div", id: "comment-<img src=x>", text: "", location: 0 }],
    };
    return route.fulfill({ body: gzipSync(Buffer.from(`pagefind_dcd${JSON.stringify(fragment)}`)) });
  });
  await openPage(page, "/search?q=vodka");
  await expect(results(page).first()).toBeVisible();
  await expect(results(page).first().locator(".search-result-title")).toHaveText(hostile);
  await expect(results(page).first().getByRole("link")).toHaveAttribute("href", "/post/x");
  await expect(page.locator("#main-content img, #main-content script")).toHaveCount(0);

  // A hostile query: shown as typed, nothing runs.
  await box(page).fill(`"><img src=x onerror="window.__xss=1">`);
  await expect(suggestions(page)).toContainText(`“"><img src=x onerror="window.__xss=1">”`);
  await expect(page.locator(".site-header img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the box submits to /search, which says search needs JavaScript and links the categories", async ({ page }) => {
    await page.goto("/");
    await box(page).fill("winnipeg");
    await box(page).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=winnipeg$/);
    await expect(page.getByText("Search needs JavaScript")).toBeVisible();
    await expect(page.getByText("Type a word or two")).toBeHidden();
    await expect(page.locator("#main-content .category-links a")).toHaveCount(10);
  });
});
