import { test, expect, openPage, useAppShell, KHRUSHCHEV } from "./fixtures";
import type { Page } from "@playwright/test";

/** XSS and injection payloads, each of which must end up as inert text. */
const PAYLOADS = [
  "<script>window.__xss=1;alert(1)</script>",
  "<img src=x onerror=\"window.__xss=1;alert(1)\">",
  "<svg onload=alert(1)><script>alert(1)</script></svg>",
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<iframe src=\"javascript:alert(1)\"></iframe>",
  "<a href=\"javascript:alert(1)\">click</a>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vb](vbscript:msgbox(1))",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#x3C;img src=x onerror=alert(1)&#x3E;",
  "<ScRiPt>alert(1)</sCrIpT>",
  "<IMG SRC=JaVaScRiPt:alert(1)>",
  "\"><script>alert(1)</script>",
  "'><img src=x onerror=alert(1)>",
  "</textarea><script>alert(1)</script>",
  "</title><script>alert(1)</script>",
  "<style>body{display:none}</style>",
  "<div style=\"background:url(javascript:alert(1))\">x</div>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<object data=\"javascript:alert(1)\"></object>",
  "<embed src=\"javascript:alert(1)\">",
  "<base href=\"javascript:alert(1)//\">",
  "<form action=\"javascript:alert(1)\"><button>x</button></form>",
  "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
  "https://example.org/\"onmouseover=\"alert(1)",
  "http://example.org/<script>alert(1)</script>",
  "java\tscript:alert(1)",
  "\u202Egnp.exe\u202C \u200B\u200D\uFEFF bidi and zero-width",
  "{{constructor.constructor('alert(1)')()}}",
  "${alert(1)}",
];

async function watchForAttacks(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

/** The page holds nothing the payloads could have injected. */
async function expectNothingInjected(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  const report = await page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
      // Only index.html's own scripts (Trunk's loader, the early download) may exist.
      // JSON-LD (data, never run) holds the content as JSON, payloads included.
      scripts: [...document.querySelectorAll("script")]
        .filter((s) => !(s.type === "application/ld+json" && s.parentElement === document.head && JSON.parse(s.textContent ?? "")))
        .filter((s) => s.parentElement !== document.head || /alert|__xss/.test(s.textContent ?? "")).length,
      injected: document.querySelectorAll("body iframe, body object, body embed, body svg, body style, body math, body form:not(.comment-form):not(.search-form), body details:not(.category-filter), body base, body meta, body img:not(.popular-posts img)").length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => `${el.tagName} ${a.name}`)),
      badLinks: [...document.querySelectorAll("a[href]")]
        .map((a) => a.getAttribute("href")!)
        .filter((href) => !/^(https?:\/\/|\/|#)/i.test(href)),
      styleAttrs: document.querySelectorAll("body [style]").length,
      foreignImages: [...document.images].filter((i) => !/^\/(?!\/)/.test(i.getAttribute("src") ?? "")).length,
    };
  });
  expect(report).toEqual({ xss: null, scripts: 0, injected: 0, handlers: [], badLinks: [], styleAttrs: 0, foreignImages: 0 });
}

test("hostile content in every text field of posts, lists, categories and the sidebar stays text", async ({ page }) => {
  // Content as the app loads it itself (prerendered pages: tests/prerender.rs).
  await useAppShell(page);
  const dialogs = await watchForAttacks(page);
  const joined = PAYLOADS.join("\n\n");
  await page.route("**/content/site.json", async (route) => {
    const response = await route.fetch();
    const site = await response.json();
    site.title = PAYLOADS[0];
    site.tagline = PAYLOADS[1];
    site.categories[0].name = PAYLOADS[2];
    site.popular_posts[0].title = PAYLOADS[3];
    site.popular_posts[1].thumbnail = "javascript:alert(1)";
    site.popular_posts[2].thumbnail = "//evil.example/tracker.svg";
    site.recent_comments[0].author = PAYLOADS[4];
    site.recent_comments[0].post_title = PAYLOADS[5];
    site.copyright = PAYLOADS[6];
    site.disclaimer = PAYLOADS[7];
    site.footer_pages[0].title = PAYLOADS[8];
    await route.fulfill({ response, json: site });
  });
  await page.route("**/content/index/latest/1.json", async (route) => {
    const response = await route.fetch();
    const list = await response.json();
    list.posts.forEach((post: Record<string, unknown>, i: number) => {
      post.title = PAYLOADS[(i * 2) % PAYLOADS.length];
      post.excerpt = PAYLOADS[(i * 2 + 1) % PAYLOADS.length];
      post.date = PAYLOADS[(i + 5) % PAYLOADS.length];
    });
    await route.fulfill({ response, json: list });
  });
  await page.route("**/content/posts/what-was-khrushchevs-secret-speech.json", async (route) => {
    const response = await route.fetch();
    const post = await response.json();
    post.title = PAYLOADS[9];
    post.author = PAYLOADS[10];
    post.question = PAYLOADS[11];
    post.body = joined;
    post.answers = PAYLOADS.map((p, i) => ({ id: i + 1, author: p, body: joined }));
    post.comments = PAYLOADS.map((p, i) => ({ id: 5000 + i, author: p, url: PAYLOADS[(i + 1) % PAYLOADS.length], date: p, body: joined }));
    // A megabyte of text is rendered, not choked on.
    post.comments.push({ id: 9999, author: "Big", date: "2020-01-01", body: "x".repeat(1 << 20) });
    await route.fulfill({ response, json: post });
  });

  await page.goto("/");
  await expect(page.locator(".site-title")).toHaveText(PAYLOADS[0]);
  await expect(page.locator(".entry-summary").first().locator(".entry-title")).toHaveText(PAYLOADS[0]);
  await expectNothingInjected(page, dialogs);

  await page.goto(KHRUSHCHEV);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PAYLOADS[9]);
  await expect(page.locator(".comment-list > li")).toHaveCount(PAYLOADS.length + 1);
  await expect(page.locator(".answer").first()).toContainText("<script>window.__xss=1;alert(1)</script>");
  // Only http(s) links were made, each marked untrusted.
  const contentLinks = page.locator(".entry-content a[rel], .comment-content a, .comment-author a");
  for (const rel of await contentLinks.evaluateAll((links) => links.map((a) => a.getAttribute("rel")))) {
    expect(rel).toBe("nofollow ugc noopener");
  }
  await expectNothingInjected(page, dialogs);
});

test("hostile input in every field of the comment form stays text", async ({ page }) => {
  // Some thirty submissions and a megabyte typed: about 24 s on this
  // 2-core machine, over 30 s on a fresh one with cold caches.
  test.setTimeout(60_000);
  const dialogs = await watchForAttacks(page);
  await openPage(page, KHRUSHCHEV);
  const comment = page.getByRole("textbox", { name: "Comment" });
  const name = page.getByRole("textbox", { name: "Name" });
  const email = page.getByRole("textbox", { name: "Email" });
  const website = page.getByRole("textbox", { name: "Website" });
  await comment.fill("Checking websites");
  await name.fill("Ivy");
  await email.fill("ivy@example.org");
  // No payload is accepted as a commenter's website, and nothing typed is lost.
  for (const payload of PAYLOADS) {
    await website.fill(payload);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(website).toHaveAttribute("aria-invalid", "true");
    await expect(website).toHaveValue(payload);
    await expect(comment).toHaveValue("Checking websites");
  }
  await website.fill("");
  // Nor as an email address.
  for (const payload of PAYLOADS) {
    await email.fill(payload);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveValue(payload);
  }
  await email.fill("ivy@example.org");

  // Every payload in the text and a payload as the name are posted as text.
  const text = PAYLOADS.join("\n\n");
  await comment.fill(text);
  await name.fill(PAYLOADS[1]);
  await page.getByRole("button", { name: "Post Comment" }).click();
  const mine = page.locator(".comment-list > li").last();
  await expect(mine).toContainText(`${PAYLOADS[1]} says`);
  await expect(mine.locator(".comment-content")).toContainText(PAYLOADS[0]);
  await expectNothingInjected(page, dialogs);
  await page.reload();
  await expect(page.locator(".comment-list > li").last()).toContainText(`${PAYLOADS[1]} says`);
  await expectNothingInjected(page, dialogs);

  // A megabyte typed into the box is refused as too long, and kept.
  const huge = "y".repeat(1 << 20);
  await comment.fill(huge);
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(comment).toHaveAccessibleDescription(/too long for the site: WordPress takes at most 65,525 bytes, and this is [\d,]+\./);
  expect(await comment.inputValue()).toHaveLength(huge.length);
});

test("a commenter's name cannot reverse the words after it", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await page.getByRole("textbox", { name: "Comment" }).fill("Checking the direction of text");
  // A right-to-left override at the end of the name would run on into "says".
  await page.getByRole("textbox", { name: "Name" }).fill("Admin\u202E");
  await page.getByRole("textbox", { name: "Email" }).fill("ivy@example.org");
  await page.getByRole("button", { name: "Post Comment" }).click();
  const mine = page.locator(".comment-list > li").last();
  await expect(mine.locator(".comment-content")).toHaveText("Checking the direction of text");
  // The name is isolated from what follows it, in the thread and the sidebar.
  for (const name of [mine.locator(".fn"), page.locator(".recent-comments .comment-author").first()]) {
    await expect(name).toContainText("Admin");
    expect(await name.evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe("isolate");
  }
});

test("the app runs under a strict Content-Security-Policy with no violation", async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto(KHRUSHCHEV);
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toMatch(/'unsafe-eval'/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What was khrushchev’s secret speech?");
  await page.getByRole("textbox", { name: "Comment" }).fill("Under CSP");
  expect(violations).toEqual([]);
});
