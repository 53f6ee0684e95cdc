// Reading on a phone: the primary menu behind a "Menu" button, a header
// that leaves room for the post, nothing scrolling sideways.
import AxeBuilder from "@axe-core/playwright";
import { test, expect, openPage, holdWasm, KHRUSHCHEV } from "./fixtures";
import type { Page } from "@playwright/test";

const menuButton = (page: Page) => page.getByRole("button", { name: "Menu", exact: true });
const menu = (page: Page) => page.locator("#primary-menu");

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("at 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("the menu is closed behind a Menu button and the header stays short", async ({ page }) => {
    await openPage(page, KHRUSHCHEV);
    const button = menuButton(page);
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toHaveAttribute("aria-controls", "primary-menu");
    await expect(menu(page)).toBeHidden();
    const header = await page.locator(".site-header").boundingBox();
    expect(header!.y + header!.height).toBeLessThanOrEqual(140);
    // With the menu closed, the post's heading starts high on the screen.
    const heading = await page.getByRole("heading", { level: 1 }).boundingBox();
    expect(heading!.y).toBeLessThan(260);
  });

  test("a tap opens the menu, the submenu opens by tap, a link goes and closes it", async ({ page }) => {
    await openPage(page, "/");
    await menuButton(page).tap();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
    await expect(menu(page).getByRole("link", { name: "Articles" })).toBeVisible();
    await page.getByRole("button", { name: "Questions and Answers" }).tap();
    const food = page.locator("#categories-menu").getByRole("link", { name: "Food and Drinks" });
    await expect(food).toBeVisible();
    await food.tap();
    await expect(page).toHaveURL("/category/food-and-drinks");
    await expect(menu(page)).toBeHidden();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
    // A second tap on the button closes what the first opened.
    await menuButton(page).tap();
    await expect(menu(page)).toBeVisible();
    await menuButton(page).tap();
    await expect(menu(page)).toBeHidden();
  });

  test("from the keyboard: Enter opens, Escape closes and focus returns to the button", async ({ page }) => {
    await openPage(page, "/");
    const button = menuButton(page);
    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveAttribute("aria-expanded", "true");
    // Tab goes from the button into the menu.
    await page.keyboard.press("Tab");
    await expect(menu(page).getByRole("link", { name: "Home" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const submenuButton = page.getByRole("button", { name: "Questions and Answers" });
    await expect(submenuButton).toBeFocused();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(page.locator("#categories-menu").getByRole("link").first()).toBeFocused();
    // Escape closes the submenu first, then the menu.
    await page.keyboard.press("Escape");
    await expect(page.locator("#categories-menu")).toBeHidden();
    await expect(submenuButton).toBeFocused();
    await expect(menu(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu(page)).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    // Escape on the button itself closes it too.
    await page.keyboard.press("Space");
    await expect(menu(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu(page)).toBeHidden();
  });

  test("the skip link to the navigation opens the menu", async ({ page }) => {
    await openPage(page, "/");
    const link = page.getByRole("link", { name: "Skip to primary navigation" });
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("#primary-navigation")).toBeFocused();
    await expect(menu(page).getByRole("link", { name: "Home" })).toBeVisible();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
  });
});

test.describe("at 360 px, before the app takes the page over", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("the menu opens by tap, and the app keeps it as the reader left it", async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto(KHRUSHCHEV);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("html[data-app=starting]")).toBeAttached();
    await menuButton(page).tap();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
    await expect(menu(page).getByRole("link", { name: "Articles" })).toBeVisible();
    const submenuButton = page.getByRole("button", { name: "Questions and Answers" });
    await submenuButton.tap();
    await expect(submenuButton).toHaveAttribute("aria-expanded", "true");
    const food = page.locator("#categories-menu").getByRole("link", { name: "Food and Drinks" });
    await expect(food).toBeVisible();
    // Escape closes the submenu, then the menu, focus on its button; a
    // tap opens it again.
    await page.keyboard.press("Escape");
    await expect(food).toBeHidden();
    await expect(submenuButton).toHaveAttribute("aria-expanded", "false");
    await expect(menu(page)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menu(page)).toBeHidden();
    await expect(menuButton(page)).toBeFocused();
    await menuButton(page).tap();
    await submenuButton.tap();
    await expect(food).toBeVisible();

    release();
    await expect(page.locator("html[data-app=live]")).toBeAttached();
    // Taken over as it was: open, and one tap (the app's alone) closes it.
    await expect(food).toBeVisible();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "true");
    await menuButton(page).tap();
    await expect(menu(page)).toBeHidden();
    await expect(menuButton(page)).toHaveAttribute("aria-expanded", "false");
    await menuButton(page).tap();
    await expect(menu(page)).toBeVisible();
    // Closing the menu closed its submenu too (focus left it).
    await submenuButton.tap();
    await food.tap();
    await expect(page).toHaveURL("/category/food-and-drinks");
    await expect(menu(page)).toBeHidden();
  });
});

test.describe("at 360 px without JavaScript", () => {
  test.use({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

  test("the menu and its categories are shown, with no button that cannot work", async ({ page }) => {
    await page.goto(KHRUSHCHEV);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(menuButton(page)).toBeHidden();
    await expect(menu(page).getByRole("link", { name: "Articles" })).toBeVisible();
    await expect(page.locator("#categories-menu").getByRole("link", { name: "Food and Drinks" })).toBeVisible();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});

test.describe("at 320 px", () => {
  test.use({ viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });

  for (const scheme of ["light", "dark"] as const) {
    test(`no sideways scroll and axe clean with the menu closed and open (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openPage(page, KHRUSHCHEV);
      await expect(page.locator(".skeleton")).toHaveCount(0);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
      await menuButton(page).tap();
      await page.getByRole("button", { name: "Questions and Answers" }).tap();
      await expect(page.locator("#categories-menu").getByRole("link").first()).toBeVisible();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

test("at 320 px the search box shows its whole placeholder", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openPage(page, "/");
  const box = page.getByRole("searchbox", { name: "Search the site" });
  const fits = await box.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = style.font;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return context.measureText(input.placeholder).width <= room;
  });
  expect(fits).toBe(true);
});

test("on a wide screen there is no Menu button and the menu is shown", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openPage(page, "/");
  await expect(menuButton(page)).toBeHidden();
  await expect(menu(page).getByRole("link", { name: "Articles" })).toBeVisible();
});
