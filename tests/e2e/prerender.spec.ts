import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";

// Every kind of page the build prerenders, with what its HTML must hold.
const PAGES: [string, string, RegExp][] = [
  ["/", "Latest posts", /Is War and Peace Worth Reading\?/],
  ["/articles", "Articles", /Dacha – Home Away From Home/],
  ["/category/food-and-drinks", "Food and Drinks", /How do you make borscht\?/],
  [KHRUSHCHEV, "What was khrushchev’s secret speech?", /Answer by Mac/],
  ["/page/about", "About", /.+/],
];

test.describe("prerendered pages", () => {
  test("without JavaScript every kind of page shows its content, and links between them work", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const [path, heading, text] of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expect(page.locator("main")).toContainText(text);
      await expect(page.locator(".popular-posts li")).toHaveCount(5);
      await expect(page.locator(".site-footer")).toContainText("Copyright RussianBest.com");
      await expect(page.locator(".noscript")).toHaveCount(0);
    }
    // The question, its answers and comments are all in the post's HTML.
    await page.goto(KHRUSHCHEV);
    await expect(page.locator(".entry-question")).toContainText("Question by");
    await expect(page.locator(".answer")).toHaveCount(1);
    await expect(page.locator("#comments")).toContainText("Spellbound");
    // Links are plain links between prerendered files.
    await page.getByRole("link", { name: "History and Politics" }).first().click();
    await expect(page).toHaveURL(/\/category\/history-and-politics$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
    await page.locator(".entry-summary .entry-title a").first().click();
    await expect(page).toHaveURL(/\/post\//);
    await expect(page.locator(".entry-content")).not.toBeEmpty();
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await context.close();
  });

  test("the HTML of a post, fetched without a browser, holds the post and its title and description", async ({ request }) => {
    const response = await request.get(KHRUSHCHEV);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>What was khrushchev’s secret speech? — Russian Best</title>");
    expect(html).toMatch(/<meta name="description" content="A short, plain summary of the 1956 speech[^"]*">/);
    expect(html).toContain("Answer by Mac");
    expect(html).toContain("Spellbound");
    // The page carries its content for the app; nothing downloads it again.
    expect(html).toContain('<script type="application/json" id="prerendered">');
    expect(html).not.toContain("earlyContent");
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/name="description"|name=description/g)).toHaveLength(1);
  });

  test("the app takes the page over: no content request, links followed in place", async ({ page }) => {
    const contentRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/content/")) contentRequests.push(r.url());
    });
    await openPage(page, KHRUSHCHEV);
    await expect(page.locator("#comment")).toBeVisible();
    expect(contentRequests, "the post's content came with its page").toEqual([]);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole("link", { name: "History and Politics" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect(page.locator("meta[name=description]")).toHaveCount(1);
  });

  test("every kind of page runs without a console error, and the app works on it", async ({ page }) => {
    for (const [path, heading] of PAGES) {
      await openPage(page, path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    }
    // The filter, on the prerendered home page.
    await openPage(page, "/");
    await page.locator(".category-filter summary").click();
    await page.getByLabel("Food and Drinks").check();
    await expect(page).toHaveURL(/\?category=food-and-drinks$/);
    await expect(page.locator(".result-count")).toHaveText(/^\d+ posts? in Food and Drinks$/);
    // A list address the build did not prerender (a later page) is the
    // first page's file, taken over by the app.
    await openPage(page, "/?page=2");
    await expect(page.locator(".pagination [aria-current=page]")).toHaveText("2");
  });
});
