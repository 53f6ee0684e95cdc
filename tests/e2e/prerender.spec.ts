import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";

// Every kind of page the build prerenders, with what its HTML must hold.
const PAGES: [string, string, RegExp][] = [
  ["/", "Latest posts", /Is War and Peace Worth Reading\?/],
  ["/articles", "Articles", /Dacha – Home Away From Home/],
  ["/category/food-and-drinks", "Food and Drinks", /How do you make borscht\?/],
  [KHRUSHCHEV, "What was khrushchev’s secret speech?", /Answer by Mac/],
  ["/page/about", "About", /.+/],
  ["/search", "Search", /Search needs JavaScript/],
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
    // Where the comment form will be, it says what it needs.
    await expect(page.locator(".comment-needs-js")).toHaveText(/Leaving a reply needs JavaScript/);
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

  test("a post's head holds what crawlers and link previews read", async ({ request }) => {
    const html = await (await request.get(KHRUSHCHEV)).text();
    const url = "https://russianbest.com/post/what-was-khrushchevs-secret-speech";
    const canonical = (href: string) => new RegExp(`<link (href="${href}" rel="canonical"|rel="canonical" href="${href}")>`);
    expect(html).toMatch(canonical(url));
    expect(html).toContain(`<meta property="og:url" content="${url}">`);
    expect(html).toContain('<meta property="og:type" content="article">');
    expect(html).toContain('<meta property="og:title" content="What was khrushchev’s secret speech?">');
    expect(html).toMatch(/<meta property="og:description" content="A short, plain summary[^"]*">/);
    expect(html).toContain('<meta property="og:site_name" content="Russian Best">');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Russian Best" href="/feed.xml">');
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]);
    expect(ld["@type"]).toBe("QAPage");
    expect(ld.mainEntity).toMatchObject({ "@type": "Question", name: "What was khrushchev’s secret speech?", answerCount: 1, dateCreated: "2011-03-02" });
    expect(ld.mainEntity.author.name).toBeTruthy();
    expect(ld.mainEntity.suggestedAnswer[0]).toMatchObject({ "@type": "Answer", author: { "@type": "Person", name: "Mac" }, url: `${url}#answer-1` });
    // An article is an Article; a list page a website without JSON-LD.
    const article = await (await request.get("/post/is-war-and-peace-worth-reading")).text();
    expect(JSON.parse(article.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1])["@type"]).toBe("Article");
    const home = await (await request.get("/")).text();
    expect(home).toMatch(canonical("https://russianbest.com/"));
    expect(home).toContain('<meta property="og:type" content="website">');
    expect(home).not.toContain("application/ld+json");
    const missing = await request.get("/post/no-such-post");
    expect(missing.status()).toBe(404);
    expect(await missing.text()).not.toContain('rel="canonical"');
  });

  test("sitemap, robots.txt and feed list the site and parse as XML", async ({ page, request }) => {
    await openPage(page, "/");
    const parse = (xml: string) =>
      page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "application/xml");
        if (doc.querySelector("parsererror")) return null;
        return {
          locs: [...doc.getElementsByTagName("loc")].map((e) => e.textContent),
          items: [...doc.getElementsByTagName("item")].map((i) => ({
            title: i.getElementsByTagName("title")[0]?.textContent,
            link: i.getElementsByTagName("link")[0]?.textContent,
            pubDate: i.getElementsByTagName("pubDate")[0]?.textContent,
            category: i.getElementsByTagName("category")[0]?.textContent,
          })),
        };
      }, xml);
    const sitemap = await parse(await (await request.get("/sitemap.xml")).text());
    expect(sitemap).not.toBeNull();
    const site = await (await request.get("/content/site.json")).json();
    expect(sitemap!.locs).toContain("https://russianbest.com/");
    expect(sitemap!.locs).toContain("https://russianbest.com/articles");
    expect(sitemap!.locs).toContain("https://russianbest.com/post/what-was-khrushchevs-secret-speech");
    expect(sitemap!.locs).toContain("https://russianbest.com/page/about");
    for (const category of site.categories) expect(sitemap!.locs).toContain(`https://russianbest.com/category/${category.slug}`);
    expect(sitemap!.locs.filter((l) => l!.includes("/post/"))).toHaveLength(site.post_count);
    const robots = await (await request.get("/robots.txt")).text();
    expect(robots).toContain("Sitemap: https://russianbest.com/sitemap.xml");
    const feed = await parse(await (await request.get("/feed.xml")).text());
    expect(feed!.items).toHaveLength(Math.min(20, site.post_count));
    expect(feed!.items[0]).toEqual({
      title: "Is War and Peace Worth Reading?",
      link: "https://russianbest.com/post/is-war-and-peace-worth-reading",
      pubDate: "Sun, 05 May 2013 00:00:00 +0000",
      category: "Books & Movies",
    });
  });

  test("the app takes the page over: no content request, links followed in place", async ({ page }) => {
    // The prerendered elements themselves become the app's (hydration), not
    // copies drawn in their place.
    await page.addInitScript(() =>
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { first: Element[] }).first = [...document.querySelectorAll("h1, .answer, #comments, .site-header")];
      }),
    );
    const contentRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.startsWith("/content/")) contentRequests.push(r.url());
    });
    await openPage(page, KHRUSHCHEV);
    await expect(page.locator("#comment")).toBeVisible();
    expect(contentRequests, "the post's content came with its page").toEqual([]);
    const kept = await page.evaluate(() =>
      (window as unknown as { first: Element[] }).first.map((e) => e.isConnected && document.contains(e)),
    );
    expect(kept).toEqual([true, true, true, true]);
    // Hydrated elements are live: the reply box opens from a comment's Reply.
    await page.locator(".comment-reply-link").first().click();
    await expect(page.locator(".comment-list #comment")).toBeFocused();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.getByRole("link", { name: "History and Politics" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    // The head follows the page, each tag once.
    await expect(page.locator("meta[name=description]")).toHaveCount(1);
    await expect(page.locator("link[rel=canonical]")).toHaveAttribute("href", "https://russianbest.com/category/history-and-politics");
    await expect(page.locator("meta[property='og:title']")).toHaveCount(1);
    await expect(page.locator("script[type='application/ld+json']")).toHaveCount(0);
    await page.goBack();
    await expect(page.locator("script[type='application/ld+json']")).toHaveCount(1);
    await expect(page.locator("link[rel=canonical]")).toHaveCount(1);
  });

  test("the page is taken over in parts, each in a task of its own; a tap before a part's turn finds it taken over", async ({ page }) => {
    // Zero-delay timers set while the page is being taken over are held:
    // the parts' turns (and what waits for the takeover) do not come until
    // released, as on a busy phone.
    await page.addInitScript(() => {
      const w = window as unknown as { held: (() => void)[]; release: () => void };
      const setTimeoutNow = window.setTimeout.bind(window);
      w.held = [];
      let released = false;
      window.setTimeout = ((run: () => void, ms?: number, ...args: unknown[]) => {
        if (!released && !ms && document.documentElement.dataset.app === "taking-over") {
          w.held.push(() => run(...(args as [])));
          return 0;
        }
        return setTimeoutNow(run, ms, ...args);
      }) as typeof window.setTimeout;
      w.release = () => {
        released = true;
        for (const run of w.held.splice(0)) setTimeoutNow(run, 0);
      };
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const markers = () =>
      page.evaluate(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
        let n = 0;
        while (walker.nextNode()) if (walker.currentNode.nodeValue === "hydrate-later") n++;
        return n;
      });
    await page.goto(KHRUSHCHEV);
    await expect(page.locator("html[data-app=taking-over]")).toBeAttached();
    await expect.poll(() => page.evaluate(() => (window as unknown as { held: unknown[] }).held.length)).toBeGreaterThan(0);
    // Header, post text, comments and sidebar wait for their turns.
    expect(await markers()).toBe(4);
    // A comment's Reply, pressed now, takes every part over first and works.
    await page.locator(".comment-reply-link").first().click();
    await expect(page.locator(".comment-list #respond")).toBeAttached();
    expect(await markers()).toBe(0);
    await page.evaluate(() => (window as unknown as { release: () => void }).release());
    await expect(page.locator("html[data-app=live]")).toBeAttached();
    await expect(page.locator(".comment-list #comment")).toBeVisible();
    // A link in the sidebar, taken over too, is followed in place.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await page.locator(".sidebar").getByRole("link", { name: "History and Politics" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(errors).toEqual([]);
  });

  test("an address changed between the app's start and its takeover (Back) draws that address's page", async ({ page }) => {
    // Frame callbacks are held: the app has checked the address and waits
    // for the first paint to take the page over.
    await page.addInitScript(() => {
      const w = window as unknown as { frames: FrameRequestCallback[]; releaseFrames: () => void };
      const requestFrame = window.requestAnimationFrame.bind(window);
      w.frames = [];
      let released = false;
      window.requestAnimationFrame = (run) => {
        if (released) return requestFrame(run);
        w.frames.push(run);
        return 0;
      };
      w.releaseFrames = () => {
        released = true;
        for (const run of w.frames.splice(0)) requestFrame(run);
      };
    });
    await page.goto(KHRUSHCHEV);
    await expect.poll(() => page.evaluate(() => (window as unknown as { frames: unknown[] }).frames.length)).toBeGreaterThan(0);
    await page.evaluate(() => history.pushState(null, "", "/category/history-and-politics"));
    await page.evaluate(() => (window as unknown as { releaseFrames: () => void }).releaseFrames());
    await expect(page.locator("html[data-app=live]")).toBeAttached();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("History and Politics");
  });

  test("parts left to their turns are each taken over in a task of its own", async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { turns: number[] };
      w.turns = [];
      // Mutation observers are called once per task that changed the DOM:
      // each call that sees markers go is one turn.
      new MutationObserver((records) => {
        const gone = records.flatMap((r) => [...r.removedNodes]).filter((n) => n.nodeValue === "hydrate-later");
        if (gone.length) w.turns.push(gone.length);
      }).observe(document, { childList: true, subtree: true });
    });
    await openPage(page, KHRUSHCHEV);
    const turns = await page.evaluate(() => (window as unknown as { turns: number[] }).turns);
    expect(turns.length, `markers removed per turn: ${turns}`).toBe(4);
    expect(turns.every((n) => n === 1)).toBe(true);
    await expect(page.locator(".comment-list")).toBeVisible();
    await expect(page.locator("#comment")).toBeVisible();
  });

  test("a post opened in a background tab is taken over before it is shown: its form, and this browser's comments", async ({ context }) => {
    const page = await context.newPage();
    await openPage(page, KHRUSHCHEV);
    const text = `Written in the front tab ${Date.now()}`;
    await page.getByRole("textbox", { name: "Comment" }).fill(text);
    await page.getByRole("textbox", { name: "Name" }).fill("Vera");
    await page.getByRole("textbox", { name: "Email" }).fill("vera@example.org");
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list")).toContainText(text);
    // A tab the reader has not looked at yet: hidden, and running no frames
    // (Chromium runs no frame callbacks there until it is shown).
    const background = await context.newPage();
    await background.addInitScript(() => {
      Object.defineProperty(document, "visibilityState", { get: () => "hidden" });
      Object.defineProperty(document, "hidden", { get: () => true });
      window.requestAnimationFrame = () => 0;
    });
    await background.goto(KHRUSHCHEV);
    await expect(background.locator("html[data-app=live]")).toBeAttached();
    await expect(background.locator("#comment")).toBeAttached();
    await expect(background.locator(".comment-list")).toContainText(text);
  });

  test.describe("as readers run it, with its service worker", () => {
    // (Elsewhere blocked: Playwright then warns of each registration.)
    test.use({ serviceWorkers: "allow" });
    test("every kind of page runs without a console error or warning, and the app works on it", async ({ page }) => {
      // Errors fail every test (fixtures.ts); a hydration mismatch may only warn.
      const warnings: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "warning") warnings.push(m.text());
      });
      for (const [path, heading] of PAGES) {
        await openPage(page, path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
        // Clicked and typed in, once taken over.
        await page.locator(".site-title a").focus();
      }
      await openPage(page, KHRUSHCHEV);
      await page.getByRole("textbox", { name: "Comment" }).fill("Typed after hydration");
      await page.reload();
      await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Typed after hydration");
      expect(warnings).toEqual([]);
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
});
