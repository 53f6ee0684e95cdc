import AxeBuilder from "@axe-core/playwright";
import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";

for (const path of ["/", "/category/food-and-drinks", KHRUSHCHEV]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`axe finds no serious or critical violation on ${path} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openPage(page, path);
      await expect(page.locator(".skeleton")).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(serious).toEqual([]);
    });
  }
}

test("skip links move focus to navigation, content and sidebar", async ({ page }) => {
  await openPage(page, "/");
  for (const [name, target] of [
    ["Skip to primary navigation", "#primary-navigation"],
    ["Skip to main content", "#main-content"],
    ["Skip to primary sidebar", "#primary-sidebar"],
  ]) {
    const link = page.getByRole("link", { name });
    await link.focus();
    await expect(link).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.locator(target)).toBeFocused();
  }
  // The first Tab on a fresh page reaches the first skip link.
  await openPage(page, "/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to primary navigation" })).toBeFocused();
});

test("the categories submenu works from the keyboard", async ({ page }) => {
  await openPage(page, "/");
  const button = page.getByRole("button", { name: "Questions and Answers" });
  const submenu = page.locator("#categories-menu");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(submenu).toBeHidden();
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(submenu.getByRole("link")).toHaveCount(10);
  await page.keyboard.press("Tab");
  await expect(submenu.getByRole("link", { name: "History and Politics" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(submenu).toBeHidden();
  await expect(button).toBeFocused();
  await page.keyboard.press("Space");
  await submenu.getByRole("link", { name: "Books & Movies" }).click();
  await expect(page).toHaveURL("/category/books-and-movies");
  await expect(page.locator(".breadcrumb")).toHaveText("Browse: Home / Books & Movies");
  // Following a link closes it (once the pointer no longer hovers it).
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await page.mouse.move(5, 600);
  await expect(submenu).toBeHidden();
});

test("the submenu opens on hover for a mouse", async ({ page }) => {
  await openPage(page, "/");
  await page.getByRole("button", { name: "Questions and Answers" }).hover();
  await expect(page.locator("#categories-menu").getByRole("link", { name: "Traveling Russia" })).toBeVisible();
});

test.describe("small screens", () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });

  test("at 320 px nothing scrolls sideways and the sidebar follows the content", async ({ page }) => {
    await openPage(page, KHRUSHCHEV);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const main = await page.locator("#main-content").boundingBox();
    const sidebar = await page.locator("#primary-sidebar").boundingBox();
    expect(sidebar!.y).toBeGreaterThan(main!.y + main!.height - 1);

    // Tapping opens the menu, then the submenu.
    await page.getByRole("button", { name: "Menu", exact: true }).tap();
    await page.getByRole("button", { name: "Questions and Answers" }).tap();
    await expect(page.locator("#categories-menu").getByRole("link", { name: "Food and Drinks" })).toBeVisible();
  });
});

test("the page title and description follow the route", async ({ page }) => {
  await openPage(page, "/category/russian-sports");
  await expect(page).toHaveTitle("Russian Sports — Russian Best");
  await expect(page.locator('meta[name="description"]').last()).toHaveAttribute("content", /Russian Sports/);
  await page.goto("/articles");
  await expect(page).toHaveTitle("Articles — Russian Best");
});

test("following a link to another page moves focus to the main content; filtering keeps it", async ({ page }) => {
  await openPage(page, "/");
  await page.getByText("Filter by category").click();
  const checkbox = page.getByLabel("Russian Military");
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(page).toHaveURL(/category=russian-military/);
  await expect(checkbox).toBeFocused();

  const link = page.locator(".entry-summary .entry-title a").first();
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/post\//);
  await expect(page.locator("#main-content")).toBeFocused();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The next Tab continues inside the page's content, not from the top.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.getElementById("main-content")!.contains(document.activeElement))).toBe(true);
});
