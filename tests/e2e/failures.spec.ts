import { test, expect, openPage, useAppShell, KHRUSHCHEV } from "./fixtures";

const POST_FILE = "**/content/posts/what-was-khrushchevs-secret-speech.json";

test.describe("content that fails to load", () => {
  // The app's own loads (a prerendered page carries its content).
  test.beforeEach(({ page }) => useAppShell(page));
  test.use({
    allowConsoleErrors: [/Failed to load resource: (the server responded with a status of (404|500)|net::ERR_INTERNET_DISCONNECTED|net::ERR_FAILED)/],
  });

  const cases: [string, { status?: number; contentType?: string; body: string }, RegExp][] = [
    ["malformed JSON", { body: "{ this is not json" }, /the file is damaged: it is not valid JSON/],
    ["truncated JSON", { body: '{"slug":"what-was-khrushchevs-secret-speech","title":"What' }, /the file is damaged: it ends too early/],
    ["the wrong shape", { body: '{"slug":7,"title":[]}' }, /the file is damaged: it has the wrong shape/],
    ["a 404", { status: 404, body: "Not found" }, /it does not exist \(404\)|Page not found/],
    ["a 500", { status: 500, body: "Internal error" }, /the server answered with an error \(500\)/],
    ["an HTML page", { contentType: "text/html", body: "<!doctype html><title>Oops</title>" }, /the server sent a web page instead of content/],
  ];

  test("a category list that fails names the category as the reader knows it", async ({ page }) => {
    await page.route("**/content/index/category/culture-and-science/1.json", (route) =>
      route.fulfill({ status: 500, contentType: "text/plain", body: "Internal error" }),
    );
    await openPage(page, "/category/culture-and-science");
    await expect(page.locator(".content [role=alert]")).toContainText("Sorry, page 1 of the “Culture and Science” category could not be loaded.");
  });

  for (const [name, response, reason] of cases) {
    test(`a post answered with ${name} says so, and Retry recovers`, async ({ page }) => {
      let broken = true;
      await page.route(POST_FILE, (route) =>
        broken
          ? route.fulfill({ status: response.status ?? 200, contentType: response.contentType ?? "application/json", body: response.body })
          : route.continue(),
      );
      await openPage(page, KHRUSHCHEV);
      if (response.status === 404) {
        // A missing post is a 404 page, not an error.
        await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
        return;
      }
      const panel = page.locator(".content [role=alert]");
      await expect(panel).toContainText("Sorry, the post “what-was-khrushchevs-secret-speech” could not be loaded.");
      await expect(panel).toContainText(reason);
      // The rest of the page keeps working.
      await expect(page.locator(".popular-posts li")).toHaveCount(5);
      await page.getByRole("button", { name: "Questions and Answers" }).click();
      await expect(page.locator("#categories-menu a")).toHaveCount(10);
      broken = false;
      await panel.getByRole("button", { name: "Retry" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
    });
  }

  test("a damaged early download that arrives late is never what Retry shows", async ({ page }) => {
    // index.html's early download of the post answers after the app has
    // given up waiting for it (400 ms) and asked the server itself; both
    // answers are damaged. Retry must then ask the server again, not take
    // the late early answer.
    let requests = 0;
    let broken = true;
    await page.route(POST_FILE, async (route) => {
      requests += 1;
      if (!broken) return route.continue();
      if (requests === 1) await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.fulfill({ status: 200, contentType: "application/json", body: "{ damaged" }).catch(() => {});
    });
    await page.goto(KHRUSHCHEV);
    const panel = page.locator(".content [role=alert]");
    await expect(panel).toContainText("it is not valid JSON");
    await expect.poll(() => requests).toBeGreaterThanOrEqual(2);
    // Let the early download's late answer land.
    await page.waitForTimeout(1500);
    broken = false;
    await panel.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  });

  test("a broken site.json leaves the list readable and the sidebar offers Retry", async ({ page }) => {
    let broken = true;
    await page.route("**/content/site.json", (route) =>
      broken ? route.fulfill({ status: 500, body: "down" }) : route.continue(),
    );
    await page.goto("/");
    await expect(page.locator(".entry-summary")).toHaveCount(10);
    const sidebarError = page.locator("#primary-sidebar [role=alert]");
    await expect(sidebarError).toContainText("Sorry, the sidebar could not be loaded.");
    broken = false;
    await sidebarError.getByRole("button", { name: "Retry" }).click();
    await expect(page.locator(".popular-posts li")).toHaveCount(5);
    await expect(page.locator(".site-title")).toHaveText("Russian Best");
  });

  test("one damaged post in a list is skipped and counted", async ({ page }) => {
    await page.route("**/content/index/latest/1.json", async (route) => {
      const response = await route.fetch();
      const list = await response.json();
      list.posts[2].title = { not: "a string" };
      await route.fulfill({ response, json: list });
    });
    await openPage(page, "/");
    await expect(page.locator(".entry-summary")).toHaveCount(9);
    await expect(page.locator(".skipped-notice")).toHaveText("1 post could not be shown because its data is damaged.");
  });

  test("one damaged comment is skipped and counted, the others shown", async ({ page }) => {
    await page.route("**/content/posts/what-does-nazdrovia-actually-mean.json", async (route) => {
      const response = await route.fetch();
      const post = await response.json();
      post.comments[0].id = "not a number";
      await route.fulfill({ response, json: post });
    });
    await openPage(page, "/post/what-does-nazdrovia-actually-mean");
    await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
    await expect(page.locator(".skipped-notice")).toHaveText("1 comment could not be shown because its data is damaged.");
  });

  test("a slow answer shows progress, then the content", async ({ page }) => {
    await page.route(POST_FILE, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(KHRUSHCHEV);
    await expect(page.locator(".progress-bar.is-loading")).toBeAttached();
    await expect(page.locator(".content .skeleton")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
    await expect(page.locator(".progress-bar.is-loading")).toHaveCount(0);
  });

  test("no answer at all becomes a timeout with Retry", async ({ page }) => {
    await page.clock.install();
    let hang = true;
    await page.route(POST_FILE, (route) => (hang ? undefined : route.continue()));
    await page.goto(KHRUSHCHEV);
    await expect(page.locator(".site-title")).toHaveText("Russian Best");
    await page.clock.runFor(16_000);
    const panel = page.locator(".content [role=alert]");
    await expect(panel).toContainText("the server took too long to answer");
    hang = false;
    await panel.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  });

  test("going offline shows why, and coming back loads by itself", async ({ page, context }) => {
    await openPage(page, "/");
    await context.setOffline(true);
    await page.getByRole("link", { name: "Is War and Peace Worth Reading?" }).click();
    const panel = page.locator(".content [role=alert]");
    await expect(panel).toContainText("the network request failed; check your connection");
    await expect(panel).toContainText("You seem to be offline");
    await context.setOffline(false);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is War and Peace Worth Reading?");
  });
});

test.describe("storage that fails", () => {
  test("with localStorage disabled the app works, says drafts can't be saved, and posts for the session", async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await openPage(page, KHRUSHCHEV);
    await expect(page.locator(".storage-notice")).toContainText("Drafts can’t be saved: this browser does not allow the site to store data.");
    await page.getByRole("textbox", { name: "Comment" }).fill("Typed without storage");
    await page.getByRole("textbox", { name: "Name" }).fill("Fay");
    await page.getByRole("textbox", { name: "Email" }).fill("fay@example.org");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Typed without storage");
    await page.getByRole("button", { name: "Post Comment" }).click();
    const mine = page.locator(".comment-list > li").last();
    await expect(mine).toContainText("Fay says");
    await expect(mine).toContainText("Your comment is awaiting moderation.");
    await expect(page.locator(".form-posted")).toContainText("could not be saved in this browser");
    await expect(page.locator(".recent-comments li").first()).toHaveText("Fay on What was khrushchev’s secret speech?");
  });

  test("with localStorage disabled, moving between reply targets keeps each one's text", async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await openPage(page, "/post/what-does-nazdrovia-actually-mean");
    const box = page.getByRole("textbox", { name: "Comment" });
    await box.fill("For the post");
    await page.getByRole("link", { name: "Reply to Pat" }).click();
    await expect(box).toHaveValue("");
    await box.fill("For Pat");
    await page.getByRole("link", { name: "Cancel reply" }).click();
    await expect(box).toHaveValue("For the post");
    await page.getByRole("link", { name: "Reply to Pat" }).click();
    await expect(box).toHaveValue("For Pat");
  });

  test("with storage full nothing typed is lost and the reader is told", async ({ page }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
    });
    await openPage(page, KHRUSHCHEV);
    await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Still here", { delay: 5 });
    await expect(page.locator(".storage-notice")).toContainText("storage for the site is full");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Still here");
    await page.getByRole("textbox", { name: "Name" }).fill("Gus");
    await page.getByRole("textbox", { name: "Email" }).fill("gus@example.org");
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list > li").last()).toContainText("Gus says");
  });

  test("corrupt and old-format stored values are ignored", async ({ page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem("russianbest.draft.what-was-khrushchevs-secret-speech", "{broken");
      localStorage.setItem("russianbest.comment.what-was-khrushchevs-secret-speech.5", '{"v":0,"text":"old"}');
      localStorage.setItem("russianbest.comment.what-was-khrushchevs-secret-speech.6", "null");
      localStorage.setItem("russianbest.commenter", '"just a string"');
    });
    await openPage(page, KHRUSHCHEV);
    await expect(page.getByRole("heading", { name: "Comments ( 1 )" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
    await expect(page.locator(".storage-notice")).toHaveCount(0);
    await page.getByRole("textbox", { name: "Comment" }).fill("Works anyway");
    await page.getByRole("textbox", { name: "Name" }).fill("Hal");
    await page.getByRole("textbox", { name: "Email" }).fill("hal@example.org");
    await page.getByRole("button", { name: "Post Comment" }).click();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
  });

  test("two tabs posting at once never lose a posted comment", async ({ context }) => {
    const tabs = [await context.newPage(), await context.newPage()];
    await Promise.all(tabs.map((tab) => openPage(tab, KHRUSHCHEV)));
    for (const [i, tab] of tabs.entries()) {
      await tab.getByRole("textbox", { name: "Comment" }).fill(`From tab ${i}`);
      await tab.getByRole("textbox", { name: "Name" }).fill(`Tab ${i}`);
      await tab.getByRole("textbox", { name: "Email" }).fill(`tab${i}@example.org`);
    }
    await Promise.all(tabs.map((tab) => tab.getByRole("button", { name: "Post Comment" }).click()));
    const posted: string[] = [];
    for (const [i, tab] of tabs.entries()) {
      await expect(tab.locator(".form-posted, .form-refusal")).toBeVisible();
      if (await tab.locator(".form-posted").count()) posted.push(`From tab ${i}`);
      else await expect(tab.getByRole("textbox", { name: "Comment" })).toHaveValue(`From tab ${i}`);
    }
    expect(posted.length).toBeGreaterThan(0);
    // Chromium hands one tab's localStorage writes to the others
    // asynchronously; once every tab sees every stored comment, none may be missing.
    for (const tab of tabs) {
      await expect
        .poll(() => tab.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("russianbest.comment.")).length))
        .toBe(posted.length);
    }
    for (const tab of tabs) {
      await tab.reload();
      for (const text of posted) await expect(tab.locator(".comment-list")).toContainText(text);
    }
  });
});
