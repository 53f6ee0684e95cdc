// The app built with content imported from a real WordPress (make test
// starts it, imports it and builds target/dist-wp; see tools/test.sh), and
// readers' comments sent back to it. WordPress refuses a second comment from
// one address within 15 s, so the tests that post run in order and wait.
import { test as base, expect, openPage as open } from "./fixtures";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";

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

async function write(page: Page, comment: string, name = "Nadia") {
  await page.getByRole("textbox", { name: "Comment" }).fill(comment);
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(`${name.toLowerCase()}@example.org`);
}

let lastPost = 0;
/** Waits until WordPress's flood interval since our last comment has passed. */
async function afterFloodInterval() {
  const wait = lastPost + FLOOD_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastPost = Date.now();
}

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
  await expect(page.locator(".entry-content a")).toHaveCount(1);
  await expect(page.locator(".entry-content a")).toHaveAttribute("href", "https://example.org/ok");
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
  await reader.close();
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

test.describe("when the site cannot be reached", () => {
  // The failed requests are the point of these tests.
  test.use({ allowConsoleErrors: [/Failed to load resource: (net::ERR_INTERNET_DISCONNECTED|the server responded with a status of (502|409))/] });

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
