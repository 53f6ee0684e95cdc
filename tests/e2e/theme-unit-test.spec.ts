// The app built from the WordPress Theme Unit Test data (the export theme
// authors test against, tests/data/), imported from a test WordPress holding
// it (tools/test.sh builds target/dist-wxr): its edge posts read as WordPress
// shows them. Its images live on wordpress.com, out of this machine's reach:
// they are checked for their text and size, not their pixels.
import { test as base, expect, openPage as open } from "./fixtures";
import type { Page } from "@playwright/test";

const test = base;
// The images' host cannot be reached here (no internet).
test.use({ allowConsoleErrors: [/Failed to load resource: net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED|ADDRESS_UNREACHABLE|TIMED_OUT|NAME_RESOLUTION_FAILED).*wordpress\.com/] });

const SITE = "Theme Unit Test Data";
const openPage = (page: Page, path: string) => open(page, path, SITE);
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("the sticky post comes first on the home page, marked Featured", async ({ page }) => {
  await openPage(page, "/");
  const first = page.locator(".post-list article").first();
  await expect(first).toContainText("Template: Sticky");
  await expect(first).toContainText("Featured");
});

test("the untitled post is listed as (no title), with a working link and a heading", async ({ page }) => {
  await openPage(page, "/?page=5");
  await page.getByRole("link", { name: "(no title)" }).first().click();
  await expect(heading(page)).toHaveText("(no title)");
  await expect(page).toHaveURL(/\/post\/edge-case-no-title$/);
  await expect(page.locator(".entry-content")).toContainText("This post has no title");
});

test("a title with markup or special characters is text", async ({ page }) => {
  await openPage(page, "/post/markup-title-with-markup");
  await expect(heading(page)).toHaveText("Markup: Title With Markup");
  await expect(heading(page).locator("em, strong, b, i")).toHaveCount(0);
  await openPage(page, "/post/title-with-special-characters");
  await expect(heading(page)).toHaveText("Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/;:'”?,.>");
});

test("a post in 62 categories is listed under one it is not filed under first", async ({ page }) => {
  await openPage(page, "/category/whetstone");
  await expect(page.getByRole("link", { name: "Edge Case: Many Categories" })).toBeVisible();
  await page.getByRole("link", { name: "Edge Case: Many Categories" }).click();
  await expect(heading(page)).toHaveText("Edge Case: Many Categories");
});

test("the author's excerpt is the excerpt in the list", async ({ page }) => {
  await openPage(page, "/?page=2");
  const item = page.locator(".post-list article").filter({ has: page.getByRole("link", { name: "Template: Excerpt (Defined)" }) }).first();
  await expect(item).toContainText("This is a user-defined post excerpt.");
});

test("every page of a paginated post is there", async ({ page }) => {
  await openPage(page, "/post/template-paginated");
  for (const text of ["Post Page 1", "Post Page 2", "Post Page 3"]) {
    await expect(page.locator(".entry-content")).toContainText(text);
  }
});

test("a ten-level comment thread shows every comment, nested five deep as WordPress does", async ({ page }) => {
  await openPage(page, "/post/template-comments");
  const thread = page.locator("#comments");
  const count = await thread.locator(".comment").count();
  await expect(thread.getByRole("heading", { level: 2 })).toHaveText(`Comments ( ${count} )`);
  expect(count).toBeGreaterThanOrEqual(19);
  await expect(thread.locator(".comment.depth-5").first()).toBeVisible();
  await expect(thread.locator(".comment.depth-6")).toHaveCount(0);
});

test("the formatting post keeps its table, headings, quotes, numbered lists and links, without sideways scroll", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openPage(page, "/post/markup-html-tags-and-formatting");
  const content = page.locator(".entry-content");
  await expect(content.getByRole("table")).toBeVisible();
  await expect(content.getByRole("columnheader", { name: "Salary" })).toBeVisible();
  await expect(content.getByRole("cell", { name: "$100K" })).toBeVisible();
  await expect(content.getByRole("heading", { name: "Blockquotes" })).toBeVisible();
  await expect(content.locator("blockquote").first()).toContainText("Stay hungry. Stay foolish.");
  await expect(content.getByRole("link", { name: "link", exact: true })).toHaveAttribute("href", "https://wordpressfoundation.org/");
  // The numbered list starts at 8, as its <ol start> says, and its nested
  // lists are nested in their items, three deep.
  const eight = content.locator("ol[start='8']").first();
  await expect(eight.locator(":scope > li")).toHaveCount(4);
  const first = eight.locator(":scope > li").first();
  await expect(first).toContainText("List item one -start at 8");
  await expect(first.locator(":scope > ol > li")).toHaveCount(4);
  const reversed = first.locator(":scope > ol > li").first().locator(":scope > ol");
  await expect(reversed.locator(":scope > li")).toHaveText([
    "List item one -reversed attribute", "List item two", "List item three", "List item four",
  ]);
  // <ol reversed> counts down: 4, 3, 2, 1.
  await expect(reversed).toHaveAttribute("reversed", "");
  await expect(reversed).toHaveAttribute("start", "4");
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  expect(wide).toBe(false);
});

test("Greek page slugs open from their parent and on reload, prerendered, with their parents in the breadcrumb", async ({ page, request }) => {
  await openPage(page, "/page/greek");
  await expect(heading(page)).toHaveText("Ελληνικά-Greek");
  await openPage(page, "/page/" + encodeURIComponent("επίπεδο-3"));
  await expect(heading(page)).toHaveText("Επίπεδο 3");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toHaveText("Browse: Home / Ελληνικά-Greek / Επίπεδο 2 -Second Greek level / Επίπεδο 3");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Επίπεδο 2 -Second Greek level" }).click();
  await expect(heading(page)).toHaveText("Επίπεδο 2 -Second Greek level");
  await page.reload();
  await expect(heading(page)).toHaveText("Επίπεδο 2 -Second Greek level");
  const prerendered = await request.get("/page/" + encodeURIComponent("επίπεδο-2"));
  expect(prerendered.status()).toBe(200);
  expect(await prerendered.text()).toContain("Επίπεδο 2 -Second Greek level");
});

test("a page's comments show under it", async ({ page }) => {
  await openPage(page, "/page/page-with-comments");
  const thread = page.getByRole("region", { name: "Comments ( 3 )" });
  for (const author of ["Anon", "tellyworthtest2", "themedemos"]) {
    await expect(thread).toContainText(author);
  }
});

test("images keep their text alternative and their size, lazy, from the origin the CSP names", async ({ page, request }) => {
  await openPage(page, "/post/markup-image-alignment");
  const images = page.locator(".entry-content img");
  expect(await images.count()).toBeGreaterThan(0);
  const first = images.first();
  await expect(first).toHaveAttribute("loading", "lazy");
  await expect(first).toHaveAttribute("width", /^\d+$/);
  await expect(first).toHaveAttribute("alt", /.+/);
  const src = (await first.getAttribute("src"))!;
  const csp = (await request.get("/post/markup-image-alignment")).headers()["content-security-policy"];
  expect(csp).toContain(new URL(src).origin);
});
