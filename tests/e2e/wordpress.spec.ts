// The app built with content imported from a real WordPress (make test
// starts it, imports it and builds target/dist-wp; see tools/test.sh), and
// readers' comments sent back to it. WordPress refuses a second comment from
// one address within 15 s, so the tests that post run in order and wait.
import { test as base, expect, openPage as open } from "./fixtures";
import type { Page } from "@playwright/test";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const test = base;
test.describe.configure({ mode: "serial" });

const SITE = "Volga Notes & Queries";
const openPage = (page: Page, path: string) => open(page, path, SITE);

const QUESTION = "/post/why-do-trains-run-late-near-kazan";
const FLOOD_MS = 16_000;

/** Rows of a query against the test site's database, tab-separated. */
function sql(query: string): string[][] {
  const out = execFileSync("mysql", [`--socket=${process.env.WP_TEST_DIR}/run/mysqld.sock`, "-u", "root", "wordpress", "-N", "-e", query], {
    encoding: "utf8",
  });
  return out.split("\n").filter(Boolean).map((line) => line.split("\t"));
}

/** The comment rows (approved, parent, post slug) with this text. */
function commentsWith(text: string) {
  return sql(
    `SELECT c.comment_approved, c.comment_parent, p.post_name FROM wp_comments c JOIN wp_posts p ON p.ID = c.comment_post_ID WHERE c.comment_content = '${text.replace(/'/g, "''")}'`,
  );
}

async function write(page: Page, comment: string, name = "Nadia", email = `${name.toLowerCase()}@example.org`) {
  await page.getByRole("textbox", { name: "Comment" }).fill(comment);
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
}

/** The text an HTML-escaped value from WordPress's database stands for. */
function htmlText(html: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  return html.replace(/&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot);/gi, (_, name: string) =>
    name.startsWith("#x") || name.startsWith("#X")
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith("#")
        ? String.fromCodePoint(Number(name.slice(1)))
        : named[name.toLowerCase()],
  );
}

/** An incremental `make import` of the test site into a copy of the e2e build's import. */
function importAgain(): string {
  const dir = mkdtempSync(join(tmpdir(), "wp-import-"));
  cpSync("target/wp-import", dir, { recursive: true });
  execFileSync("target/debug/import", [process.env.WP_TEST_URL!, dir], { stdio: "pipe" });
  return dir;
}

/** A TCP port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

let lastPost = 0;
/** Waits until WordPress's flood interval since our last comment has passed. */
async function afterFloodInterval() {
  const wait = lastPost + FLOOD_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastPost = Date.now();
}

test("imported through a middlebox (an address that redirects, paging headers stripped, a BOM): every post came in, and comments go where the API answered", async () => {
  const middlebox = process.env.E2E_MIDDLEBOX_URL!;
  const log = readFileSync("target/wp-import.log", "utf8");
  // The owner was told the address redirects, and to which.
  expect(log).toContain(`${middlebox}/old/wp-json/ redirects to ${middlebox}/wp-json/`);
  const site = JSON.parse(readFileSync("target/dist-wp/content/site.json", "utf8"));
  expect(site.wordpress).toBe(`${middlebox}/wp-json/`);
  // More than one REST page of posts, without WordPress's counts: all of them.
  const [[published]] = sql("SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post' AND post_status = 'publish' AND post_password = ''");
  expect(Number(published)).toBeGreaterThan(100);
  expect(readdirSync("target/wp-import/posts")).toHaveLength(Number(published));
});

test("the imported site reads like the WordPress one: question, answers, threads, hostile HTML as text", async ({ page }) => {
  await openPage(page, "/");
  await expect(page.locator(".entry-summary")).toHaveCount(10);
  await page.getByRole("link", { name: "Why do trains run late near Kazan?" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why do trains run late near Kazan?");
  await expect(page.locator(".entry-question")).toHaveText("Question by Lena: why do trains run late near Kazan?");
  await expect(page.locator(".answer-title")).toHaveText(["Answer by Oleg", "Answer by Marta"]);
  await expect(page.locator(".answer").first().locator("em")).toHaveText("Oleg’s");
  const anya = page.locator(".comment-list > li", { hasText: "Anya" });
  await expect(anya.locator(".children > li")).toContainText("A reply to Anya.");
  // Boris's javascript: website is not a link.
  await expect(page.locator(".comment-author a[href^='javascript']")).toHaveCount(0);
  await expect(page.locator("#respond")).not.toContainText("kept in your browser");

  await openPage(page, "/post/placeholder");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hostile & friends");
  await expect(page.locator(".entry-content h2")).toHaveText("A heading");
  await expect(page.locator(".entry-content script, .entry-content iframe, .entry-content img, .entry-content object")).toHaveCount(0);
  // The frame is a link to what it would show; the javascript: and data: links are text.
  const links = page.locator(".entry-content a");
  await expect(links).toHaveText(["Embedded content (evil.example)", "a fine link"]);
  expect(await links.evaluateAll((all) => all.map((a) => [a.getAttribute("href"), a.getAttribute("rel")]))).toEqual([
    ["https://evil.example/", "nofollow ugc noopener"],
    ["https://example.org/ok", "nofollow ugc noopener"],
  ]);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});

test("a percent-encoded category and post open from links and on reload", async ({ page }) => {
  await openPage(page, "/");
  await page.getByRole("button", { name: "Questions and Answers" }).click();
  await page.locator("#categories-menu").getByRole("link", { name: "Чтение" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Чтение");
  await expect(page).toHaveURL(/\/category\/%D1%87%D1%82%D0%B5%D0%BD%D0%B8%D0%B5$/i);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Чтение");
  await page.locator("#main-content").getByRole("link", { name: "Что почитать о Волге?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Что почитать о Волге?");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Что почитать о Волге?");
  await expect(page.locator(".entry-content")).toContainText("Книги о реке.");
});

test("slugs with an underscore, a numero sign or an emoji open from links, on reload and prerendered", async ({ page, request }) => {
  await openPage(page, "/");
  await page.getByRole("button", { name: "Questions and Answers" }).click();
  await page.locator("#categories-menu").getByRole("link", { name: "Улицы №1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Улицы №1");
  await expect(page.locator("#main-content .entry-summary")).toHaveCount(3);
  for (const [title, slug, text] of [
    ["Pelmeni 🥟 at the night market", "pelmeni-🥟-at-the-night-market", "Sold by weight"],
    ["Tram №7 after midnight", "tram-№7-after-midnight", "The last tram"],
    ["Samovar care, step by step", "samovar_care", "Descale it"],
  ]) {
    await page.locator("#main-content").getByRole("link", { name: title }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page).toHaveURL(new RegExp(`/post/${encodeURIComponent(slug)}$`, "i"));
    await page.reload();
    await expect(page.locator(".entry-content")).toContainText(text);
    const response = await request.get(`/post/${encodeURIComponent(slug)}`);
    expect(response.status(), slug).toBe(200);
    expect(await response.text(), slug).toContain(text);
    await page.goBack();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Улицы №1");
  }
});

test("a post's table, code block and link in bold read as on WordPress, without sideways scroll", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openPage(page, "/post/dumplings-compared-with-a-recipe-script");
  const table = page.locator(".entry-content table");
  await expect(table.locator("thead th")).toHaveText(["Dish", "Filling", "Served with"]);
  await expect(table.locator("tbody tr").nth(1).locator("td")).toHaveText(["Vareniki", "Potato | cherry", "Butter"]);
  await expect(table.locator("tbody em")).toHaveText("Butter");
  const code = await page.locator(".entry-content pre").innerText();
  expect(code).toBe("dough = flour + water\nfor each in dumplings:\n    fold(each)\n\n    boil(each, minutes=7)");
  const link = page.locator(".entry-content").getByRole("link", { name: "the full recipe" });
  await expect(link).toHaveAttribute("href", "https://recipes.example/pelmeni");
  await expect(link).toHaveAttribute("rel", "nofollow ugc noopener");
  await expect(page.locator(".entry-content")).toContainText("Page two: freezing them for winter.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("a post's image and its featured image load from WordPress, sized, under the CSP", async ({ page }) => {
  await openPage(page, "/post/a-samovar-photographed");
  const origin = new URL(process.env.WP_TEST_URL!).origin;
  const csp = (await page.request.get("/post/a-samovar-photographed")).headers()["content-security-policy"];
  expect(csp).toMatch(new RegExp(`img-src 'self' data: ${origin.replace(/[.]/g, "\\.")}(;|$)`));
  const image = page.locator(".entry-content img").first();
  await expect(image).toHaveAttribute("src", `${origin}/wp-content/uploads/2021/08/samovar.png`);
  await expect(image).toHaveAttribute("alt", "A brass samovar on a table");
  await expect(image).toHaveAttribute("width", "192");
  await expect(image).toHaveAttribute("height", "192");
  await expect(image).toHaveAttribute("loading", "lazy");
  // Linked to its full size, as on WordPress, as the content's link.
  const full = image.locator("xpath=parent::a");
  await expect(full).toHaveAttribute("href", `${origin}/wp-content/uploads/2021/08/samovar.png`);
  await expect(full).toHaveAttribute("rel", "nofollow ugc noopener");
  await image.scrollIntoViewIfNeeded();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
  await expect(page.locator(".entry-content")).toContainText("It is older than the house.");
  // A lazy-loading plugin's image in a <picture> shows its real source, once; a video is a link to it.
  const smaller = page.getByRole("img", { name: "The samovar, smaller" });
  await expect(smaller).toHaveAttribute("src", `${origin}/wp-content/uploads/2021/08/samovar-150x150.png`);
  await smaller.scrollIntoViewIfNeeded();
  await expect.poll(() => smaller.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);
  await expect(page.locator(".entry-content img")).toHaveCount(2);
  await expect(page.locator(".entry-content").getByRole("link", { name: "Embedded content: Tea from a samovar (video.example)" }))
    .toHaveAttribute("href", "https://video.example/embed/samovar-tea");
  await expect(page.locator(".entry-content")).toContainText("Pouring the first cup");
  // Its featured image is its thumbnail in Popular Posts.
  const thumbnail = page.locator(".popular-posts li", { hasText: "A samovar, photographed" }).locator("img");
  await expect(thumbnail).toHaveAttribute("src", `${origin}/wp-content/uploads/2021/08/samovar-150x150.png`);
  await thumbnail.scrollIntoViewIfNeeded();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
});

test("lists as WordPress shows them: sticky first, a post in two categories, the author's excerpt, (no title)", async ({ page }) => {
  await openPage(page, "/");
  const first = page.locator("#main-content .entry-summary").first();
  await expect(first.locator(".entry-title")).toHaveText("House rules for commenters");
  await expect(first.locator(".sticky-label")).toHaveText("Featured");

  await page.getByRole("button", { name: "Questions and Answers" }).click();
  await page.locator("#categories-menu").getByRole("link", { name: "Ferries" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ferries");
  await expect(page.locator("#main-content .entry-title")).toHaveText(["Crossing the Volga by ferry in spring"]);
  // Its page names both categories, and searching either finds it.
  await page.locator("#main-content .entry-title a").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Crossing the Volga by ferry in spring");
  expect((await page.locator(".entry-meta a").allTextContents()).sort()).toEqual(["Ferries", "Rivers & Lakes"]);
  for (const category of ["ferries", "rivers-lakes"]) {
    await openPage(page, `/search?q=ferry&category=${category}`);
    await expect(page.locator("#main-content .search-result-title", { hasText: "Crossing the Volga by ferry in spring" })).toHaveCount(1);
  }
  await openPage(page, "/category/rivers-lakes");
  await expect(page.locator("#main-content .entry-title", { hasText: "Crossing the Volga by ferry in spring" })).toHaveCount(1);
  // The sticky post is listed in its category as any other (WordPress's themes mark it on the home page only).
  await expect(page.locator("#main-content .entry-title", { hasText: "House rules for commenters" })).toHaveCount(1);
  await expect(page.locator("#main-content .sticky-label")).toHaveCount(0);
  // Filtered by both of that post's categories, it is counted and listed once.
  const posts = readdirSync("target/wp-import/posts").map((f) => JSON.parse(readFileSync(`target/wp-import/posts/${f}`, "utf8")));
  const inEither = posts.filter((p) => ["ferries", "rivers-lakes"].some((c) => p.category === c || (p.categories ?? []).includes(c)));
  await openPage(page, "/?category=ferries,rivers-lakes");
  await expect(page.locator(".result-count")).toHaveText(`${inEither.length} posts in Ferries or Rivers & Lakes`);
  await expect(page.locator("#main-content .sticky-label")).toHaveCount(0);
  const pages = Math.ceil(inEither.length / 10);
  await expect(page.locator(".pagination li")).toHaveCount(pages > 1 ? pages : 0);
  const listed: string[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n > 1) await openPage(page, `/?category=ferries,rivers-lakes&page=${n}`);
    await expect(page.locator(".result-count")).toHaveText(`${inEither.length} posts in Ferries or Rivers & Lakes`);
    listed.push(...(await page.locator("#main-content .entry-title").allTextContents()));
  }
  expect(listed.sort()).toEqual(inEither.map((p) => p.title || "(no title)").sort());
  const excerpted = page.locator("#main-content .entry-summary", { hasText: "Why Astrakhan freezes late" });
  await expect(excerpted.locator(".entry-excerpt")).toHaveText("Two sentences on the warm delta, written by hand.");

  await openPage(page, "/category/%D1%87%D1%82%D0%B5%D0%BD%D0%B8%D0%B5");
  await page.locator("#main-content").getByRole("link", { name: "(no title)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("(no title)");
  await expect(page.locator(".entry-content")).toHaveText("A note that never got a title.");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("(no title)");
});

test("links between the site's posts stay in the app, and WordPress's old addresses answer 301", async ({ page, request }) => {
  await openPage(page, "/post/further-reading-on-the-river");
  const body = page.locator(".entry-content");
  await expect(body.getByRole("link", { name: "the kitchen notes" })).toHaveAttribute("href", "/category/kitchen");
  await expect(body.getByRole("link", { name: "who we are" })).toHaveAttribute("href", "/page/about-the-site#team");
  // Written relative to WordPress (`/samovar_care/`, `?p=<id>`): the app's too.
  await expect(body.getByRole("link", { name: "the samovar" })).toHaveAttribute("href", "/post/samovar_care");
  await expect(body.getByRole("link", { name: "the ferries again" })).toHaveAttribute("href", "/post/ferry-timetables-discussion-closed");
  // The site's own links are not marked as the content's (nofollow ugc).
  await expect(body.getByRole("link", { name: "the trains question" })).not.toHaveAttribute("rel", /nofollow/);
  await expect(body.getByRole("link", { name: "another site" })).toHaveAttribute("rel", "nofollow ugc noopener");
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await body.getByRole("link", { name: "the ferry timetable" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ferry timetables, discussion closed");
  await expect(page).toHaveURL(/\/post\/ferry-timetables-discussion-closed$/);
  // Followed inside the app, not loaded afresh.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

  const question = sql("SELECT ID FROM wp_posts WHERE post_name = 'why-do-trains-run-late-near-kazan'")[0][0];
  for (const old of ["/why-do-trains-run-late-near-kazan/", "/why-do-trains-run-late-near-kazan", `/?p=${question}`]) {
    const response = await request.get(old, { maxRedirects: 0 });
    expect(response.status(), old).toBe(301);
    expect(response.headers()["location"], old).toBe("/post/why-do-trains-run-late-near-kazan");
  }
  const about = await request.get("/about-the-site/", { maxRedirects: 0 });
  expect(about.headers()["location"]).toBe("/page/about-the-site");
  // A list's later pages (WordPress's `…/page/<n>/`) lead to the app's, as far as the app's list goes.
  const site = JSON.parse(readFileSync("target/wp-import/site.json", "utf8"));
  const kitchenPages = Math.ceil(site.categories.find((c: { slug: string }) => c.slug === "kitchen").count / 10);
  const homePages = Math.ceil(site.post_count / 10);
  for (const [old, to] of [
    ["/page/2/", "/?page=2"],
    [`/page/${homePages}/`, `/?page=${homePages}`],
    ["/category/kitchen/page/2/", "/category/kitchen?page=2"],
    [`/category/kitchen/page/${kitchenPages}`, `/category/kitchen?page=${kitchenPages}`],
  ]) {
    const response = await request.get(old, { maxRedirects: 0 });
    expect([response.status(), response.headers()["location"]], old).toEqual([301, to]);
  }
  // Past the app's last page: no old address kept, so "Page not found" (after the trailing slash's own 301).
  expect((await request.get(`/category/kitchen/page/${kitchenPages + 1}/`)).status()).toBe(404);
  await openPage(page, `/category/kitchen/page/${kitchenPages}/`);
  await expect(page).toHaveURL(new RegExp(`/category/kitchen\\?page=${kitchenPages}$`));
  await expect(page.locator(".pagination [aria-current=page]")).toHaveText(String(kitchenPages));
  // The same map for hosts, written by make build.
  expect(readFileSync("target/dist-wp/_redirects", "utf8")).toContain("/why-do-trains-run-late-near-kazan/ /post/why-do-trains-run-late-near-kazan 301\n");
  expect(readFileSync("target/dist-wp/redirects.nginx.conf", "utf8")).toContain(`"/?p=${question}&page_id=&cat=" "/post/why-do-trains-run-late-near-kazan";`);
});

test("served by nginx as README's Deploying section says: pages, 404s, and old addresses 301 whatever a link added to them", async ({ request }) => {
  const dir = mkdtempSync(join(tmpdir(), "nginx-"));
  const root = resolve("target/dist-wp");
  const port = await freePort();
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `${name}_temp_path ${dir}/${name};`).join("\n  ");
  // README's lines, with this test's paths and port.
  writeFileSync(
    join(dir, "nginx.conf"),
    `daemon off;
${process.getuid?.() === 0 ? "user root;" : ""}
pid ${dir}/nginx.pid;
events {}
http {
  access_log off;
  ${temp}
  include /etc/nginx/mime.types;
  map_hash_bucket_size 256;
  include ${root}/redirects.nginx.conf;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    if ($russian_best_redirect) { return 301 $russian_best_redirect; }
    rewrite ^(.+)/$ $1 permanent;
    location = / { if ($arg_s) { return 301 /search?q=$arg_s; } try_files /index.html =404; }
    location / { try_files $uri $uri.html $uri/index.html =404; }
    location /content/ { try_files $uri =404; }
    error_page 404 /404.html;
  }
}
`,
  );
  const nginx = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-p", dir, "-e", join(dir, "error.log")], { stdio: "inherit" });
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(() => request.get(base + "/").then((r) => r.status(), () => 0), { timeout: 10_000 }).toBe(200);
    const answer = async (path: string) => {
      const response = await request.get(base + path, { maxRedirects: 0 });
      const location = response.headers()["location"];
      return [response.status(), location ? new URL(location, base).pathname : null];
    };
    const [[question]] = sql("SELECT ID FROM wp_posts WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    expect(await answer("/post/why-do-trains-run-late-near-kazan")).toEqual([200, null]);
    expect(await answer("/category/kitchen")).toEqual([200, null]);
    expect(await answer("/?page=2")).toEqual([200, null]);
    expect(await answer("/content/site.json")).toEqual([200, null]);
    expect(await answer("/post/no-such-post")).toEqual([404, null]);
    expect(await answer("/post/why-do-trains-run-late-near-kazan/")).toEqual([301, "/post/why-do-trains-run-late-near-kazan"]);
    // Old WordPress addresses, as links elsewhere carry them.
    for (const old of [
      "/why-do-trains-run-late-near-kazan/",
      "/why-do-trains-run-late-near-kazan",
      "/why-do-trains-run-late-near-kazan/?fbclid=IwAR0abc",
      `/?p=${question}`,
      `/?utm_source=news&p=${question}`,
    ]) {
      expect(await answer(old), old).toEqual([301, "/post/why-do-trains-run-late-near-kazan"]);
    }
    expect(await answer("/about-the-site/?ref=x")).toEqual([301, "/page/about-the-site"]);
    // (nginx makes the address absolute.)
    const paged = await request.get(base + "/category/kitchen/page/3/", { maxRedirects: 0 });
    const to = new URL(paged.headers()["location"] ?? "", base);
    expect([paged.status(), to.pathname + to.search]).toEqual([301, "/category/kitchen?page=3"]);
    expect(await answer("/?s=kazan")).toEqual([301, "/search"]);
  } finally {
    nginx.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a child page names its parents in its breadcrumb; the footer lists only top-level pages", async ({ page, request }) => {
  await openPage(page, "/page/anna-editor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anna, editor");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs).toHaveText("Browse: Home / About the site / Our team / Anna, editor");
  await crumbs.getByRole("link", { name: "Our team" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our team");
  // Its approved comments show under it, threaded, as a post's do.
  const comments = page.getByRole("region", { name: "Comments ( 2 )" });
  await expect(comments.locator(".comment.depth-1")).toContainText("Is the boat the one in the header photo?");
  await expect(comments.locator(".children .comment.depth-2")).toContainText("It is: the Zarya, built in 1978.");
  await expect(comments).not.toContainText("Held on a page");
  // In the prerendered page too.
  expect(await (await request.get("/page/our-team")).text()).toContain("the Zarya, built in 1978.");
  const footer = page.locator(".site-footer");
  await expect(footer.getByRole("link", { name: "About the site" })).toBeVisible();
  await expect(footer.getByRole("link", { name: "Our team" })).toHaveCount(0);
  // Prerendered like every page.
  expect((await request.get("/page/anna-editor")).status()).toBe(200);
});

test("every imported page arrives prerendered, Cyrillic addresses too, and the app takes it over", async ({ page, request }) => {
  const site = JSON.parse(readFileSync("target/dist-wp/content/site.json", "utf8"));
  // The canonical address is WordPress's home URL.
  expect(site.url).toBe(process.env.WP_TEST_URL!.replace(/\/$/, ""));
  const pages: [string, string][] = [
    ["/", "Latest posts"],
    [QUESTION, "Why do trains run late near Kazan?"],
    ["/category/%D1%87%D1%82%D0%B5%D0%BD%D0%B8%D0%B5", "Чтение"],
  ];
  for (const [path, heading] of pages) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    expect(html, path).toContain(heading.replace(/&/g, "&amp;"));
    expect(html, path).toMatch(new RegExp(`rel="canonical"`));
  }
  await page.addInitScript(() =>
    document.addEventListener("DOMContentLoaded", () => ((window as unknown as { firstH1: Element | null }).firstH1 = document.querySelector("h1"))),
  );
  for (const [path, heading] of pages) {
    await openPage(page, path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // The prerendered heading is the one on screen: the page was hydrated.
    expect(await page.evaluate(() => (window as unknown as { firstH1: Element | null }).firstH1?.isConnected), path).toBe(true);
  }
  expect((await request.get("/post/no-such-post")).status()).toBe(404);
});

test("search finds imported posts by Cyrillic words, and hostile titles stay text", async ({ page }) => {
  await openPage(page, "/");
  const box = page.getByRole("searchbox", { name: "Search the site" });
  await box.fill("книги");
  const suggestion = page.locator("#search-suggestions .search-result").first();
  await expect(suggestion).toContainText("Что почитать о Волге?");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=%D0%BA%D0%BD%D0%B8%D0%B3%D0%B8$/);
  const result = page.locator("#main-content .search-result").filter({ hasText: "Что почитать о Волге?" });
  await expect(result.locator("mark").first()).toHaveText(/^Книги/i);
  await result.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Что почитать о Волге?");

  await openPage(page, "/search?q=hostile");
  await expect(page.locator("#main-content .search-result-title").first()).toHaveText("Hostile & friends");
  await expect(page.locator("#main-content .search-results script, #main-content .search-results img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});

test("a comment and a reply reach WordPress, held, on the right post and parent", async ({ page }) => {
  await openPage(page, QUESTION);
  const text = `Delays are worst in January ${Date.now()}`;
  await write(page, text);
  await afterFloodInterval();
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator(".form-posted")).toContainText("Your comment was sent and is awaiting moderation.");
  await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.");
  expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);

  const anyaId = sql("SELECT comment_ID FROM wp_comments WHERE comment_author = 'Anya'")[0][0];
  await page.getByRole("link", { name: "Reply to Anya" }).click();
  const reply = `I agree with Anya ${Date.now()}`;
  await write(page, reply);
  await afterFloodInterval();
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator(`#comment-${anyaId} .children`)).toContainText(reply);
  expect(commentsWith(reply)).toEqual([["0", anyaId, "why-do-trains-run-late-near-kazan"]]);
});

test("a comment approved on WordPress after the import shows to every reader", async ({ browser }) => {
  const text = `Approved later ${Date.now()}`;
  sql(
    `INSERT INTO wp_comments (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved) SELECT ID, 'Vera', 'vera@example.org', UTC_TIMESTAMP(), UTC_TIMESTAMP(), '${text}', '1' FROM wp_posts WHERE post_name = 'why-do-trains-run-late-near-kazan'`,
  );
  const reader = await browser.newContext();
  const page = await reader.newPage();
  await openPage(page, QUESTION);
  const vera = page.locator(".comment-list > li", { hasText: text });
  await expect(vera).toContainText("Vera");
  await expect(vera).not.toContainText("awaiting moderation");
  // A reply half-written to it opens again under it after a reload, as one
  // to a comment in the build does.
  await vera.getByRole("link", { name: "Reply to Vera" }).click();
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Half a reply to Vera", { delay: 20 });
  await page.waitForTimeout(1100);
  await page.reload();
  const form = vera.locator("#respond");
  await expect(form.getByRole("heading")).toHaveText("Leave a Reply to Vera Cancel reply");
  await expect(form.getByRole("textbox", { name: "Comment" })).toHaveValue("Half a reply to Vera");
  await reader.close();
});

test("the reader's own comment, once WordPress approves it, offers Reply", async ({ page }) => {
  await openPage(page, QUESTION);
  const text = `Mine, approved later ${Date.now()}`;
  await write(page, text, "Lev");
  await afterFloodInterval();
  await page.getByRole("button", { name: "Post Comment" }).click();
  const mine = page.locator(".comment-list > li", { hasText: text });
  await expect(mine).toContainText("Your comment is awaiting moderation.");
  await expect(mine.getByRole("link", { name: "Reply to Lev" })).toHaveCount(0);
  sql(`UPDATE wp_comments SET comment_approved = '1' WHERE comment_content = '${text}'`);
  await page.reload();
  await expect(mine).not.toContainText("awaiting moderation");
  await expect(mine.getByRole("link", { name: "Reply to Lev" })).toBeVisible();
});

test("a flood is refused in WordPress's words and the text stays", async ({ page, browser }) => {
  await openPage(page, QUESTION);
  await afterFloodInterval();
  await write(page, `First of two ${Date.now()}`);
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator(".form-posted")).toBeVisible();
  // Another reader's browser, same address, at once: this browser's own
  // check knows nothing of it, WordPress refuses.
  const other = await browser.newContext();
  const second = await other.newPage();
  await openPage(second, QUESTION);
  const text = `Second too soon ${Date.now()}`;
  await write(second, text, "Olga");
  await second.getByRole("button", { name: "Post Comment" }).click();
  await expect(second.locator(".form-refusal")).toHaveText("You are posting comments too quickly. Slow down.");
  await expect(second.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
  expect(commentsWith(text)).toEqual([]);
  await other.close();
});

test("what the reader types is what WordPress stores: <, > and & are not eaten", async ({ page }) => {
  await openPage(page, QUESTION);
  const stamp = Date.now();
  const text = `2<3 and 5>4 & Press <Enter> to "save" &#39; ${stamp}`;
  await write(page, text, "Nadia <3", "nadia@example.org");
  await afterFloodInterval();
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator(".form-posted")).toContainText("awaiting moderation");
  // Shown as WordPress will show it to everyone: its curly quotes.
  const mine = page.locator(".comment-list li", { hasText: String(stamp) });
  await expect(mine.locator(".comment-content")).toHaveText(`2<3 and 5>4 & Press <Enter> to “save” &#39; ${stamp}`);
  await expect(mine).toContainText("Nadia <3");
  const rows = sql(`SELECT comment_content, comment_author FROM wp_comments WHERE comment_content LIKE '%${stamp}%'`);
  expect(rows).toHaveLength(1);
  expect(htmlText(rows[0][0])).toBe(text);
  expect(htmlText(rows[0][1])).toBe("Nadia <3");
});

test("a reader who leaves the page while the comment is posting finds it posted, and the box empty, on coming back", async ({ page }) => {
  await openPage(page, QUESTION);
  const text = `Posted while leaving ${Date.now()}`;
  await write(page, text);
  await afterFloodInterval();
  // WordPress takes 3 s to answer the POST (it has the comment by then).
  await page.route(
    (url) => url.pathname.endsWith("/wp/v2/comments"),
    async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.fulfill({ response });
    },
  );
  await page.locator("#submit").click();
  await expect(page.locator("#submit")).toHaveText("Posting…");
  await page.locator(".site-title a").click();
  await expect(page).toHaveURL("/");
  await expect.poll(() => commentsWith(text).length, { timeout: 10_000 }).toBe(1);
  await page.waitForTimeout(3_500);
  await page.goBack();
  await expect(page.locator(".comment-list li", { hasText: text })).toContainText("awaiting moderation");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
});

test("while a slow WordPress answers, the button says Posting… and nothing goes twice; what is typed meanwhile stays", async ({ page }) => {
  await openPage(page, QUESTION);
  const text = `A slow answer ${Date.now()}`;
  await write(page, text);
  await afterFloodInterval();
  // WordPress takes 3 s to answer the POST.
  await page.route(
    (url) => url.pathname.endsWith("/wp/v2/comments"),
    async (route) => {
      if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue();
    },
  );
  const button = page.locator("#submit");
  await button.click();
  await expect(button).toBeDisabled();
  await expect(button).toHaveText("Posting…");
  await expect(page.getByRole("status").filter({ hasText: "Posting your comment…" })).toHaveCount(1);
  // Another submission (Enter, a script) is ignored while it is on its way.
  await page.locator("form.comment-form").evaluate((form: HTMLFormElement) => form.requestSubmit());
  const next = `And a second thought ${Date.now()}`;
  await page.getByRole("textbox", { name: "Comment" }).fill(next);
  await expect(page.locator(".form-posted")).toContainText("awaiting moderation", { timeout: 10_000 });
  await expect(button).toHaveText("Post Comment");
  await expect(button).toBeEnabled();
  await expect(page.locator(".comment-list li", { hasText: text })).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(next);
  expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
});

test("a comment longer than WordPress takes, counted in bytes, is refused by the form and kept", async ({ page }) => {
  await openPage(page, QUESTION);
  // 33,000 Cyrillic letters: under 65,525 characters, 66,000 bytes.
  const text = "ж".repeat(33_000);
  await write(page, text);
  let posted = 0;
  page.on("request", (request) => {
    if (request.method() === "POST") posted++;
  });
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator("#comment-error")).toContainText("at most 65,525 bytes, and this is 66,000");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeFocused();
  expect(posted).toBe(0);
});

test("a post whose comments are closed says so in WordPress's words, with no box and no reply links", async ({ page }) => {
  await openPage(page, "/post/ferry-timetables-discussion-closed");
  await expect(page.locator(".no-comments")).toHaveText("Comments are closed.");
  await expect(page.locator(".comment-list")).toContainText("Written before the comments were closed.");
  // The box would come right after the first paint: it does not.
  await page.waitForTimeout(500);
  await expect(page.locator("#respond")).toHaveCount(0);
  await expect(page.locator(".comment-reply-link")).toHaveCount(0);

  // A draft left there before the comments were closed is shown, not lost.
  const draft = "I meant to ask about the ferry to Kizhi.\nSecond line.";
  await page.evaluate((text) => {
    const value = { v: 1, value: { text, saved_at: Date.now() } };
    localStorage.setItem("russianbest.draft.ferry-timetables-discussion-closed", JSON.stringify(value));
  }, draft);
  await page.reload();
  await expect(page.locator(".unsent-draft-text")).toHaveText(draft);
  await page.getByRole("button", { name: "Remove draft" }).click();
  await expect(page.locator(".unsent-draft")).toHaveCount(0);
  await page.reload();
  await expect(page.locator(".no-comments")).toBeVisible();
  await expect(page.locator(".unsent-draft")).toHaveCount(0);
});

test("comments approved late (old dates, a site west of UTC) show at once and after the next import; spam goes", async ({ browser }) => {
  sql("UPDATE wp_options SET option_value = 'America/New_York' WHERE option_name = 'timezone_string'");
  let imported = "";
  try {
    const west = `Written in New York ${Date.now()}`;
    sql("UPDATE wp_comments SET comment_approved = '1' WHERE comment_author = 'Slow Sasha'");
    sql("UPDATE wp_comments SET comment_approved = 'spam' WHERE comment_author = 'Spam Later'");
    sql(
      `INSERT INTO wp_comments (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved) SELECT ID, 'West Wendy', 'wendy@example.org', DATE_SUB(UTC_TIMESTAMP(), INTERVAL 5 HOUR), UTC_TIMESTAMP(), '${west}', '1' FROM wp_posts WHERE post_name = 'why-do-trains-run-late-near-kazan'`,
    );
    const reader = await browser.newContext();
    const page = await reader.newPage();
    await openPage(page, QUESTION);
    const thread = page.locator(".comment-list");
    await expect(thread).toContainText("Held for a week, then approved.");
    await expect(thread).toContainText(west);
    await expect(thread).not.toContainText("marked as spam after the import");
    await expect(thread).toContainText("Thanks, this helped & I agree.");
    await reader.close();

    imported = importAgain();
    const post = JSON.parse(readFileSync(join(imported, "posts/why-do-trains-run-late-near-kazan.json"), "utf8"));
    const authors = post.comments.map((c: { author: string }) => c.author);
    expect(authors).toEqual(expect.arrayContaining(["Anya", "Boris", "Slow Sasha", "West Wendy"]));
    expect(authors).not.toContain("Spam Later");
  } finally {
    sql("UPDATE wp_options SET option_value = 'UTC' WHERE option_name = 'timezone_string'");
    if (imported) rmSync(imported, { recursive: true, force: true });
  }
});

test("a reply half-written to a comment WordPress has since removed comes back under the post, with its text", async ({ page }) => {
  await openPage(page, QUESTION);
  await page.getByRole("link", { name: "Reply to Boris" }).click();
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Half a reply to Boris", { delay: 20 });
  await page.waitForTimeout(1100);
  const removed = "UPDATE wp_comments c JOIN wp_posts p ON p.ID = c.comment_post_ID SET c.comment_approved = '%' WHERE c.comment_author = 'Boris' AND p.post_name = 'why-do-trains-run-late-near-kazan'";
  sql(removed.replace("%", "spam"));
  try {
    await page.reload();
    await expect(page.locator(".comment-list")).not.toContainText("A reply to Anya.");
    await expect(page.locator(".entry-comments + #respond h2")).toHaveText("Leave a Reply");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Half a reply to Boris");
    // Kept as the post's own draft from then on.
    await page.reload();
    await expect(page.locator(".comment-list")).not.toContainText("A reply to Anya.");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Half a reply to Boris");
  } finally {
    sql(removed.replace("%", "1"));
  }
});

test("WordPress answering nothing: the post reads at once, and the question to WordPress is given up", async ({ page }) => {
  const isCommentsList = (url: URL) => url.pathname.endsWith("/wp/v2/comments") && url.search.length > 0;
  // Held forever: WordPress hangs.
  await page.route(isCommentsList, () => {});
  const start = Date.now();
  await page.goto(QUESTION);
  await expect(page.locator(".comment-list")).toContainText("Thanks, this helped & I agree.");
  const readable = Date.now() - start;
  expect(readable, "ms until the post and its comments show").toBeLessThan(1_000);
  const given = await page.waitForEvent("requestfailed", {
    predicate: (request) => isCommentsList(new URL(request.url())),
    timeout: 15_000,
  });
  expect(given.failure()?.errorText).toContain("ABORTED");
  const after = Date.now() - start;
  expect(after).toBeGreaterThan(9_000);
  expect(after).toBeLessThan(13_000);
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeVisible();
});

test.describe("comments closed on WordPress after the import", () => {
  test.use({ allowConsoleErrors: [/Failed to load resource: the server responded with a status of 403/] });

  test("the reader is told \"Comments are closed.\" and keeps the text", async ({ page }) => {
    await openPage(page, QUESTION);
    sql("UPDATE wp_posts SET comment_status = 'closed' WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    try {
      const text = `Too late to the thread ${Date.now()}`;
      await write(page, text);
      await page.getByRole("button", { name: "Post Comment" }).click();
      await expect(page.locator(".form-refusal")).toHaveText("Comments are closed. Your text is still in the box.");
      await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(text);
      expect(commentsWith(text)).toEqual([]);
    } finally {
      sql("UPDATE wp_posts SET comment_status = 'open' WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    }
  });
});

test.describe("when the site cannot be reached", () => {
  // The failed requests are the point of these tests.
  test.use({ allowConsoleErrors: [/Failed to load resource: (net::ERR_INTERNET_DISCONNECTED|the server responded with a status of (502|409|403))/] });

  test("offline, a comment waits in the outbox and is sent once on reconnecting", async ({ page, context }) => {
    await openPage(page, QUESTION);
    const text = `Written on the train ${Date.now()}`;
    await write(page, text);
    await afterFloodInterval();
    await context.setOffline(true);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".form-posted")).toContainText("will be sent as soon as it can be");
    await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Not sent yet");
    expect(commentsWith(text)).toEqual([]);
    await context.setOffline(false);
    await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.", { timeout: 20_000 });
    expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
    // And it stays sent once, across a reload and the outbox's next rounds.
    await page.reload();
    await page.waitForTimeout(6_000);
    expect(commentsWith(text)).toHaveLength(1);
  });

  test("two comments written offline reach WordPress once each, spaced past its flood check; what is typed meanwhile stays", async ({ page, context }) => {
    await openPage(page, QUESTION);
    const first = `Offline, first ${Date.now()}`;
    await afterFloodInterval();
    await context.setOffline(true);
    await write(page, first);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list li", { hasText: first })).toContainText("Not sent yet");
    // The form's own flood check wants 15 s between two comments.
    await page.waitForTimeout(FLOOD_MS);
    const second = `Offline, second ${Date.now()}`;
    await write(page, second);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list li", { hasText: second })).toContainText("Not sent yet");
    const third = `Still typing this one ${Date.now()}`;
    const box = page.getByRole("textbox", { name: "Comment" });
    await box.fill(third);
    await context.setOffline(false);
    for (const text of [first, second]) {
      await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.", { timeout: 45_000 });
    }
    lastPost = Date.now();
    expect(commentsWith(first)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
    expect(commentsWith(second)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
    const [[gap]] = sql(
      `SELECT TIMESTAMPDIFF(SECOND, MIN(comment_date_gmt), MAX(comment_date_gmt)) FROM wp_comments WHERE comment_content IN ('${first}', '${second}')`,
    );
    expect(Number(gap)).toBeGreaterThanOrEqual(15);
    await expect(box).toHaveValue(third);
    await expect(page.locator(".form-refusal")).toHaveCount(0);
  });

  test("two tabs opened together send two queued comments spaced apart: WordPress refuses none as a flood", async ({ context }) => {
    test.setTimeout(120_000);
    const page = await context.newPage();
    await openPage(page, QUESTION);
    await afterFloodInterval();
    await context.setOffline(true);
    const first = `Two tabs, first ${Date.now()}`;
    await write(page, first);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list li", { hasText: first })).toContainText("Not sent yet");
    await page.waitForTimeout(FLOOD_MS);
    const second = `Two tabs, second ${Date.now()}`;
    await write(page, second);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list li", { hasText: second })).toContainText("Not sent yet");
    await page.close();
    const answers: number[] = [];
    context.on("response", (r) => {
      if (r.request().method() === "POST" && r.url().includes("/wp/v2/comments")) answers.push(r.status());
    });
    await context.setOffline(false);
    const [a, b] = [await context.newPage(), await context.newPage()];
    await Promise.all([a.goto("/"), b.goto(QUESTION)]);
    await expect.poll(() => commentsWith(first).length + commentsWith(second).length, { timeout: 60_000 }).toBe(2);
    lastPost = Date.now();
    await expect.poll(() => answers).toEqual([201, 201]);
  });

  test("a queued comment refused for good stays with its text and WordPress's reason until removed", async ({ page, context }) => {
    await openPage(page, QUESTION);
    const text = `Queued, then the thread closed ${Date.now()}`;
    await context.setOffline(true);
    await write(page, text);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Not sent yet");
    const typing = `Typing something else ${Date.now()}`;
    await page.getByRole("textbox", { name: "Comment" }).fill(typing);
    sql("UPDATE wp_posts SET comment_status = 'closed' WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    try {
      await context.setOffline(false);
      const refused = page.locator(".comment-list li", { hasText: text });
      await expect(refused.locator(".comment-not-sent")).toContainText("Not sent: the site refused it. Comments are closed.", { timeout: 20_000 });
      await expect(refused.locator(".comment-content")).toHaveText(text);
      // The form's note follows: no longer "could not be reached".
      await expect(page.locator(".form-posted")).toContainText("could not be sent: the site refused it");
      await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(typing);
      // Never sent again, and still there after a reload.
      await page.waitForTimeout(6_000);
      await page.reload();
      await expect(page.locator(".comment-list li", { hasText: text }).locator(".comment-not-sent")).toBeVisible();
      await page.locator(".comment-list li", { hasText: text }).getByRole("button", { name: "Remove" }).click();
      await expect(page.locator(".comment-list li", { hasText: text })).toHaveCount(0);
      await page.reload();
      await expect(page.locator(".comment-list")).toContainText("Thanks, this helped");
      await expect(page.locator(".comment-list li", { hasText: text })).toHaveCount(0);
      expect(commentsWith(text)).toEqual([]);
    } finally {
      sql("UPDATE wp_posts SET comment_status = 'open' WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    }
  });

  test("two tabs coming back online send a queued comment once: only the tab holding the outbox's lock sends", async ({ context }) => {
    const tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) await openPage(tab, QUESTION);
    const text = `Queued with two tabs open ${Date.now()}`;
    const posts: string[] = [];
    for (const tab of tabs) {
      tab.on("request", (request) => {
        if (request.method() === "POST" && (request.postData() ?? "").includes("two tabs open")) posts.push(request.url());
      });
    }
    await afterFloodInterval();
    await context.setOffline(true);
    await write(tabs[0], text);
    await tabs[0].getByRole("button", { name: "Post Comment" }).click();
    await expect(tabs[0].locator(".comment-list li", { hasText: text })).toContainText("Not sent yet");
    await expect(tabs[1].locator(".comment-list li", { hasText: text })).toContainText("Not sent yet");
    posts.length = 0;
    await context.setOffline(false);
    for (const tab of tabs) {
      await expect(tab.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.", { timeout: 20_000 });
    }
    await tabs[0].waitForTimeout(6_000);
    expect(posts).toHaveLength(1);
    expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
    lastPost = Date.now();
  });

  test("with storage blocked, a comment that could not be sent is still sent while the page is open", async ({ page, context }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await openPage(page, QUESTION);
    const text = `No storage, still sent ${Date.now()}`;
    await write(page, text);
    await afterFloodInterval();
    await context.setOffline(true);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".form-posted")).toContainText("waits on this page and will be sent as soon as it can be");
    await expect(page.locator(".form-posted")).toContainText("keep this page open until it is sent");
    await context.setOffline(false);
    await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.", { timeout: 20_000 });
    expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
    lastPost = Date.now();
  });

  test("a site whose comments address now redirects: the reader is told, at once or from the outbox, with the text", async ({ page, context }) => {
    await openPage(page, QUESTION);
    // The site moved after the import: its comments address answers 301.
    const moved = () =>
      page.route("**/wp-json/wp/v2/comments", (route) =>
        route.request().method() === "POST"
          ? route.fulfill({ status: 301, headers: { location: "https://moved.example/wp-json/wp/v2/comments" } })
          : route.continue(),
      );
    await moved();
    const here = `Posted to a moved site ${Date.now()}`;
    await write(page, here);
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".form-refusal")).toContainText("answers with a redirect");
    await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue(here);
    // Queued offline, then sent: given up on at the first redirect, with the text.
    // (A routed answer comes even offline: the route waits for the network.)
    await page.unrouteAll();
    const queued = `Queued for a moved site ${Date.now()}`;
    await context.setOffline(true);
    await page.getByRole("textbox", { name: "Comment" }).fill(queued);
    await page.getByRole("button", { name: "Post Comment" }).click();
    const row = page.locator(".comment-list li", { hasText: queued });
    await expect(row).toContainText("Not sent yet");
    await moved();
    await context.setOffline(false);
    await expect(row.locator(".comment-not-sent")).toContainText("answers with a redirect", { timeout: 20_000 });
    await expect(row.locator(".comment-content")).toHaveText(queued);
    expect(commentsWith(here)).toEqual([]);
    expect(commentsWith(queued)).toEqual([]);
  });

  test("an outbox comment the site has answered without taking for a day is given up on, with the text", async ({ page, context }) => {
    await openPage(page, QUESTION);
    const text = `Behind a captive portal ${Date.now()}`;
    await context.setOffline(true);
    await write(page, text);
    await page.getByRole("button", { name: "Post Comment" }).click();
    const row = page.locator(".comment-list li", { hasText: text });
    await expect(row).toContainText("Not sent yet");
    // A day of failed tries has passed, all but the last: as the outbox records it.
    const dayAgo = Date.now() - 25 * 60 * 60 * 1000;
    await page.evaluate((since) => {
      // As text: the comment's id is a u64, past what a JS number holds.
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith("russianbest.outbox."))) {
        const stored = localStorage.getItem(key)!;
        localStorage.setItem(key, stored.replace(/"next_try_at":(\d+)/, `"next_try_at":$1,"failing_since":${since},"failed_tries":9`));
      }
    }, dayAgo);
    // Something between answers with a page of its own, not WordPress's.
    await page.route("**/wp-json/wp/v2/comments", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Sign in to the train's Wi-Fi</h1>" })
        : route.continue(),
    );
    await context.setOffline(false);
    await expect(row.locator(".comment-not-sent")).toContainText("has not taken this comment since", { timeout: 20_000 });
    await expect(row.locator(".comment-content")).toHaveText(text);
    expect(commentsWith(text)).toEqual([]);
  });

  test("a 5xx whose comment did arrive: the reader is told, and the resend does not post it twice", async ({ page }) => {
    await openPage(page, QUESTION);
    const text = `The answer got lost ${Date.now()}`;
    await write(page, text);
    await afterFloodInterval();
    let first = true;
    await page.route("**/wp-json/wp/v2/comments", async (route) => {
      if (route.request().method() !== "POST" || !first) return route.continue();
      first = false;
      // WordPress takes it, but the reader's browser gets a 502.
      await route.fetch();
      await route.fulfill({ status: 502, contentType: "text/html", body: "<h1>Bad gateway</h1>" });
    });
    await page.getByRole("button", { name: "Post Comment" }).click();
    await expect(page.locator(".form-posted")).toContainText("will be sent as soon as it can be");
    expect(commentsWith(text)).toHaveLength(1);
    // The outbox tries again within seconds; WordPress says it has it.
    await expect(page.locator(".comment-list li", { hasText: text })).toContainText("Your comment is awaiting moderation.", { timeout: 20_000 });
    expect(commentsWith(text)).toEqual([["0", "0", "why-do-trains-run-late-near-kazan"]]);
  });
});
