import { test, expect, openPage, useAppShell, holdWasm, KHRUSHCHEV } from "./fixtures";

test.describe("home list", () => {
  test("shows the latest posts, ten a page, with paging in the URL", async ({ page }) => {
    await openPage(page, "/");
    await expect(page).toHaveTitle("Russian Best — Russian Life & People Digest");
    const entries = page.locator(".entry-summary");
    await expect(entries).toHaveCount(10);
    const first = entries.first();
    await expect(first.locator(".entry-meta time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
    await expect(first.locator(".comment-count")).toContainText(/\d+ comments?/);

    const firstTitle = await entries.locator(".entry-title").first().innerText();
    await page.getByRole("link", { name: "Next ›" }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    await expect(entries).toHaveCount(10);
    await expect(entries.locator(".entry-title").first()).not.toHaveText(firstTitle);
    await page.reload();
    await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  });

  test("filters by one category: every post is in it, the count is right, reload and back keep state", async ({ page }) => {
    await openPage(page, "/");
    await expect(page.locator(".entry-summary")).toHaveCount(10);
    const unfilteredFirst = await page.locator(".entry-summary .entry-title").first().innerText();

    await page.getByText("Filter by category").click();
    await page.getByLabel("Food and Drinks").check();
    await expect(page).toHaveURL(/\?category=food-and-drinks$/);
    const count = page.locator(".result-count");
    await expect(count).toHaveText(/^\d+ posts? in Food and Drinks$/);
    const n = Number((await count.innerText()).split(" ")[0]);
    const entries = page.locator(".entry-summary");
    await expect(entries).toHaveCount(Math.min(n, 10));
    for (const category of await entries.locator(".entry-meta a").allInnerTexts()) {
      expect(category).toBe("Food and Drinks");
    }

    await page.reload();
    await expect(page.getByLabel("Food and Drinks")).toBeChecked();
    await expect(count).toHaveText(`${n} posts in Food and Drinks`);

    await page.goBack();
    await expect(page).toHaveURL(/\/$/);
    await expect(entries).toHaveCount(10);
    await expect(entries.locator(".entry-title").first()).toHaveText(unfilteredFirst);
    await expect(page.locator(".result-count")).toHaveCount(0);
  });

  test("a category ticked on the prerendered page before the app takes it over filters the list once it has", async ({ page }) => {
    const release = await holdWasm(page);
    await page.goto("/", { waitUntil: "domcontentloaded" });
    await page.getByText("Filter by category").click();
    await page.getByLabel("Food and Drinks").check();
    await expect(page.locator("html[data-app=live]")).not.toBeAttached();
    release();
    await expect(page.locator("html[data-app=live]")).toBeAttached();
    await expect(page).toHaveURL(/\?category=food-and-drinks$/);
    await expect(page.getByLabel("Food and Drinks")).toBeChecked();
    await expect(page.locator(".result-count")).toHaveText(/^\d+ posts? in Food and Drinks$/);
    for (const category of await page.locator(".entry-summary .entry-meta a").allInnerTexts()) {
      expect(category).toBe("Food and Drinks");
    }
  });

  test("while a filter's posts load, no count from the previous list is shown", async ({ page }) => {
    await openPage(page, "/");
    await expect(page.locator(".entry-summary")).toHaveCount(10);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/content/index/category/food-and-drinks/**", async (route) => {
      await held;
      await route.continue();
    });
    await page.getByText("Filter by category").click();
    await page.getByLabel("Food and Drinks").check();
    await expect(page).toHaveURL(/\?category=food-and-drinks$/);
    await page.waitForTimeout(300);
    await expect(page.locator(".result-count")).toHaveCount(0);
    release();
    await expect(page.locator(".result-count")).toHaveText(/^\d+ posts? in Food and Drinks$/);
    for (const category of await page.locator(".entry-summary .entry-meta a").allInnerTexts()) {
      expect(category).toBe("Food and Drinks");
    }
  });

  test("the files of several categories are requested at once, not one after another", async ({ page }) => {
    const requested = new Set<string>();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // No answer comes until all three are asked for: one at a time would never finish.
    await page.route("**/content/index/category/**", async (route) => {
      requested.add(new URL(route.request().url()).pathname);
      if (requested.size >= 3) release();
      await held;
      await route.continue();
    });
    await openPage(page, "/?category=food-and-drinks,russian-military,history-and-politics");
    await expect(page.locator(".result-count")).toHaveText(/^\d+ posts in Food and Drinks or History and Politics or Russian Military$/);
    expect(requested.size).toBe(3);
  });

  test("filters by several categories and clears", async ({ page }) => {
    await openPage(page, "/?category=russian-sports,books-and-movies");
    const count = page.locator(".result-count");
    await expect(count).toHaveText(/^\d+ posts in Books & Movies or Russian Sports$/);
    const n = Number((await count.innerText()).split(" ")[0]);
    const entries = page.locator(".entry-summary");
    await expect(entries).toHaveCount(Math.min(n, 10));
    for (const category of await entries.locator(".entry-meta a").allInnerTexts()) {
      expect(["Russian Sports", "Books & Movies"]).toContain(category);
    }
    const dates = await entries.locator("time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
    expect([...dates].sort().reverse()).toEqual(dates);

    await page.getByRole("button", { name: "Clear filter" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByLabel("Russian Sports")).not.toBeChecked();
    await expect(entries).toHaveCount(10);
  });
});

test("opens the Khrushchev post from the list and reads it as on the seed", async ({ page }) => {
  await openPage(page, "/category/history-and-politics");
  await page.getByRole("link", { name: "What was khrushchev’s secret speech?" }).click();
  await expect(page).toHaveURL(KHRUSHCHEV);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  await expect(page).toHaveTitle("What was khrushchev’s secret speech? — Russian Best");
  await expect(page.locator(".breadcrumb")).toHaveText("Browse: Home / History and Politics");
  await expect(page.locator(".entry-question")).toContainText("Question by Tori Frost: what was khrushchev’s secret speech, in short?");
  await expect(page.getByRole("heading", { name: "Answers and Views:" })).toBeVisible();
  const answer = page.getByRole("link", { name: "Answer by Mac" });
  await expect(answer).toHaveAttribute("href", "#answer-1");
  await expect(page.getByText("Read all the answers in the comments.")).toBeVisible();
  await expect(page.locator(".entry-footer")).toHaveText("See other posts in History and Politics");
  await expect(page.getByRole("heading", { name: "Comments ( 1 )" })).toBeVisible();
  const comment = page.locator("#comment-1101");
  await expect(comment).toContainText("Spellbound says");
  // Bare URLs in the comment are links for http(s) only, marked as untrusted.
  const links = comment.locator(".comment-content a");
  await expect(links).toHaveCount(2);
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute("rel", "nofollow ugc noopener");
    await expect(link).toHaveAttribute("href", /^https?:\/\//);
  }

  await page.getByRole("link", { name: "Add your own answer!" }).click();
  await expect(page.locator("#respond textarea#comment")).toBeFocused();
  await expect(page.locator("#respond h2")).toHaveText("Leave a Reply");
});

test("breadcrumb and sidebar links lead where they say", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await page.locator(".breadcrumb").getByRole("link", { name: "History and Politics" }).click();
  await expect(page).toHaveURL("/category/history-and-politics");
  await expect(page.locator(".breadcrumb")).toHaveText("Browse: Home / History and Politics");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
  for (const category of await page.locator(".entry-summary .entry-meta a").allInnerTexts()) {
    expect(category).toBe("History and Politics");
  }

  const sidebar = page.getByRole("complementary", { name: "Primary Sidebar" });
  await sidebar.getByRole("link", { name: "Subway Dogs of Moscow" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Subway Dogs of Moscow");
  await expect(page.locator(".entry-meta").first()).toContainText("By Alexei M.");

  const recent = sidebar.locator(".recent-comments li");
  await expect(recent.first()).toHaveText("Pat on What does Nazdrovia actually mean?");
  await recent.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/post\/what-does-nazdrovia-actually-mean#comment-\d+$/);
  const target = page.locator(".comment.is-target");
  await expect(target).toHaveCount(1);
  await expect(target).toContainText("Pat says");
  await expect(target).toBeInViewport();

  await sidebar.locator(".categories").getByRole("link", { name: "Russian Military" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Russian Military");
  await page.locator(".breadcrumb").getByRole("link", { name: "Home" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Latest posts");
});

test("threaded replies are nested under their parent", async ({ page }) => {
  await openPage(page, "/post/what-does-nazdrovia-actually-mean");
  await expect(page.getByRole("heading", { name: "Comments ( 3 )" })).toBeVisible();
  const reply = page.locator("#comment-1401 > .children > #comment-1402");
  await expect(reply).toContainText("PutinPow says");
});

test.describe("404", () => {
  // An address the site does not have is a real 404: the page's own answer,
  // and the app's request for a content file that does not exist.
  test.use({ allowConsoleErrors: [/status of 404 \(Not Found\) http:\/\/[^/]+\/(content\/(posts|pages|index\/category)\/|no\/such\/page|post\/no-such-post|category\/no-such-category|page\/nope)/] });

  test("a shared filter naming a category that no longer exists shows the rest", async ({ page }) => {
    await openPage(page, "/?category=no-such-category,food-and-drinks");
    await expect(page.locator(".result-count")).toHaveText(/^\d+ posts? in Food and Drinks$/);
    for (const category of await page.locator(".entry-summary .entry-meta a").allInnerTexts()) {
      expect(category).toBe("Food and Drinks");
    }
    await openPage(page, "/?category=no-such-category");
    await expect(page.locator(".entry-summary")).toHaveCount(10);
    await expect(page.locator(".result-count")).toHaveCount(0);
  });

  test("unknown addresses show a 404 page with a way home", async ({ page }) => {
  for (const path of ["/no/such/page", "/post/no-such-post", "/category/no-such-category", "/page/nope"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await openPage(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page).toHaveTitle(/^Page not found/);
  }
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator(".entry-summary")).toHaveCount(10);
  });
});

test("articles list and footer pages", async ({ page }) => {
  await openPage(page, "/articles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles");
  await expect(page.locator(".entry-summary")).toHaveCount(6);
  await expect(page.locator(".answer-count")).toHaveText(["", "", "", "", "", ""]);
  const footer = page.locator(".site-footer");
  await expect(footer).toContainText("Copyright RussianBest.com © 2025");
  for (const [name, heading] of [["About", "About"], ["Privacy Policy", "Privacy Policy"], ["Disclaimer", "Disclaimer"]]) {
    await footer.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  }
});

test.describe("failure", () => {
  test.beforeEach(({ page }) => useAppShell(page));
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 500/] });

  test("a failed load shows which content failed and Retry recovers", async ({ page }) => {
  let fail = true;
  await page.route("**/content/posts/what-was-khrushchevs-secret-speech.json", (route) =>
    fail ? route.fulfill({ status: 500, body: "oops" }) : route.continue(),
  );
  await openPage(page, KHRUSHCHEV);
  const panel = page.getByRole("alert");
  await expect(panel).toContainText("the post “what-was-khrushchevs-secret-speech” could not be loaded");
  await expect(panel).toContainText("the server answered with an error (500)");
  // The rest of the page still works.
  await expect(page.locator(".popular-posts li")).toHaveCount(5);
  fail = false;
  await panel.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  });
});

test("pointing at a category starts loading it quietly, so the click finds it ready", async ({ page }) => {
  await openPage(page, "/");
  await expect(page.locator(".entry-summary")).toHaveCount(10);
  const link = page.locator(".categories a", { hasText: "Russian Military" });
  const warmed = page.waitForResponse("**/content/index/category/russian-military/1.json");
  await link.hover();
  await warmed;
  await expect(page.locator(".progress-bar.is-loading")).toHaveCount(0);
  let refetched = false;
  page.on("request", (r) => (refetched ||= r.url().includes("/index/category/russian-military/")));
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Russian Military");
  expect(refetched).toBe(false);
});

test("links open pages without reloading the app; back and forward return; new-tab clicks are the browser's", async ({ page, context }) => {
  await openPage(page, "/");
  await page.evaluate(() => ((window as any).__sameDocument = true));
  const sameDocument = () => page.evaluate(() => (window as any).__sameDocument === true);
  const historyLength = () => page.evaluate(() => history.length);

  // A link to the page already shown adds no history entry.
  const entries = await historyLength();
  await page.locator(".site-title a").click();
  await page.locator(".nav-primary").getByRole("link", { name: "Home" }).click();
  expect(await historyLength()).toBe(entries);

  // Paging from the bottom of the list: the next page starts at its top.
  await page.getByRole("link", { name: "Next ›" }).click();
  await expect(page).toHaveURL(/\/\?page=2$/);
  await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  const first = page.locator(".entry-summary .entry-title a").first();
  const title = await first.innerText();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  expect(await sameDocument()).toBe(true);

  await page.goBack();
  await expect(page).toHaveURL(/\/\?page=2$/);
  await expect(page.locator(".entry-summary")).not.toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Latest posts");
  await page.goForward();
  await expect(page).toHaveURL(/\/\?page=2$/);
  expect(await sameDocument()).toBe(true);

  // A Ctrl-click opens a new tab and leaves this page alone.
  const [opened] = await Promise.all([
    context.waitForEvent("page"),
    page.locator(".site-footer").getByRole("link", { name: "About" }).click({ modifiers: ["Control"] }),
  ]);
  await expect(opened).toHaveURL(/\/page\/about$/);
  await expect(page).toHaveURL(/\/\?page=2$/);
  await opened.close();
});

test("an address with a trailing slash or an encoded slug shows its page", async ({ page }) => {
  await openPage(page, "/articles/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles");
  await openPage(page, "/post/what-was-khrushchevs-secret-spee%63h");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
});

test("back returns to the list where the reader left it", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 500 });
  await openPage(page, "/");
  await expect(page.locator(".entry-summary")).toHaveCount(10);
  await page.evaluate(() => window.scrollTo(0, 900));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(900);
  const link = page.locator(".entry-summary .entry-title a").nth(6);
  const title = await link.innerText();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.goBack();
  await expect(page.locator(".entry-summary")).toHaveCount(10);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(900);
});
