import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";
import type { Page } from "@playwright/test";

const NAZDROVIA = "/post/what-does-nazdrovia-actually-mean";

async function fill(page: Page, fields: { comment?: string; name?: string; email?: string; website?: string }) {
  if (fields.comment !== undefined) await page.getByRole("textbox", { name: "Comment" }).fill(fields.comment);
  if (fields.name !== undefined) await page.getByRole("textbox", { name: "Name" }).fill(fields.name);
  if (fields.email !== undefined) await page.getByRole("textbox", { name: "Email" }).fill(fields.email);
  if (fields.website !== undefined) await page.getByRole("textbox", { name: "Website" }).fill(fields.website);
}

test("the form is laid out as on the seed", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  const respond = page.locator("#respond");
  await expect(respond.getByRole("heading", { name: "Leave a Reply" })).toBeVisible();
  // What the page said before the app ran it is gone.
  await expect(page.locator(".comment-needs-js")).toBeHidden();
  await expect(respond).toContainText("Your email address will not be published. Required fields are marked *");
  for (const label of ["Comment *", "Name *", "Email *", "Website"]) {
    await expect(respond.locator("label", { hasText: label }).first()).toBeVisible();
  }
  await expect(page.getByLabel("Save my name, email, and website in this browser for the next time I comment.")).not.toBeChecked();
  await expect(page.getByRole("button", { name: "Post Comment" })).toBeVisible();
  await page.getByRole("link", { name: "Add your own answer!" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeFocused();
});

test("a shared link to the form or a comment opens the post scrolled there", async ({ page }) => {
  await openPage(page, `${KHRUSHCHEV}#respond`);
  await expect(page.locator("#respond")).toBeInViewport();
  await openPage(page, `${NAZDROVIA}#comment-1402`);
  await expect(page.locator("#comment-1402")).toBeInViewport();
  await expect(page.locator("#comment-1402")).toHaveClass(/is-target/);
});

test("invalid input is explained next to each field, focus goes to the first, nothing typed is cleared", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await fill(page, { comment: "My thoughts", email: "not-an-email", website: "javascript:alert(1)" });
  await page.getByRole("button", { name: "Post Comment" }).click();
  const name = page.getByRole("textbox", { name: "Name" });
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription("Please enter your name.");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveAccessibleDescription(/Please enter a valid email address/);
  await expect(page.getByRole("textbox", { name: "Website" })).toHaveAccessibleDescription(/http:\/\/ or https:\/\//);
  await expect(page.getByRole("textbox", { name: "Comment" })).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("My thoughts");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("not-an-email");
  await expect(page.getByRole("textbox", { name: "Website" })).toHaveValue("javascript:alert(1)");
  await expect(page.locator(".comment-list > li")).toHaveCount(1);
});

test("a draft survives a reload, with its notice, and can be discarded", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Half-written thought", { delay: 20 });
  await page.waitForTimeout(1100);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Half-written thought");
  const notice = page.locator(".draft-notice");
  await expect(notice).toContainText(/Draft restored \(saved .*\d{1,2}:\d{2}/);
  await notice.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await expect(page.locator(".draft-notice")).toHaveCount(0);
});

test("a reply's draft opens again under its comment after a reload; the post's own draft stays its own", async ({ page }) => {
  await openPage(page, NAZDROVIA);
  await page.getByRole("textbox", { name: "Comment" }).fill("To the post");
  await page.getByRole("link", { name: "Reply to Pat" }).click();
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Half a reply to Pat", { delay: 20 });
  await page.waitForTimeout(1100);
  await page.reload();
  const form = page.locator("#comment-1403 #respond");
  await expect(form.getByRole("heading")).toHaveText("Leave a Reply to Pat Cancel reply");
  await expect(form.getByRole("textbox", { name: "Comment" })).toHaveValue("Half a reply to Pat");
  await expect(form.locator(".draft-notice")).toContainText("Draft restored");
  await form.getByRole("link", { name: "Cancel reply" }).click();
  await expect(page.locator("#respond h2")).toHaveText("Leave a Reply");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To the post");
  // Typed in last, the post's own draft is where the box opens next time.
  await page.getByRole("textbox", { name: "Comment" }).fill("To the post, more");
  await page.waitForTimeout(1100);
  await page.reload();
  await expect(page.locator(".entry-comments + #respond")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To the post, more");
  await page.getByRole("link", { name: "Reply to Pat" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Half a reply to Pat");
});

test("a reply's draft to a comment no longer on the post joins the post's own draft", async ({ page }) => {
  await openPage(page, NAZDROVIA);
  await page.getByRole("textbox", { name: "Comment" }).fill("To the post");
  await page.waitForTimeout(1100);
  // Written to a comment since removed (the next build no longer has it).
  const key = "russianbest.draft.what-does-nazdrovia-actually-mean.reply-987654";
  await page.evaluate((key) => {
    localStorage.setItem(key, JSON.stringify({ v: 1, value: { text: "Half a reply to a comment now gone", saved_at: Date.now() } }));
  }, key);
  await page.reload();
  await expect(page.locator(".entry-comments + #respond h2")).toHaveText("Leave a Reply");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To the post\n\nHalf a reply to a comment now gone");
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), key)).toBeNull();
  // Kept as the post's own draft from then on.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To the post\n\nHalf a reply to a comment now gone");
});

test("a draft is saved when the page is hidden, even within the save delay", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await page.getByRole("textbox", { name: "Comment" }).fill("typed just before leaving");
  // Navigating away within the delay still saves it.
  await page.getByRole("link", { name: "Articles" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Articles");
  await page.goBack();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("typed just before leaving");
});

test("another tab of the same post shows the newer draft", async ({ page, context }) => {
  await openPage(page, KHRUSHCHEV);
  const second = await context.newPage();
  await openPage(second, KHRUSHCHEV);
  await page.getByRole("textbox", { name: "Comment" }).pressSequentially("Written in tab one", { delay: 10 });
  await expect(second.getByRole("textbox", { name: "Comment" })).toHaveValue("Written in tab one", { timeout: 2500 });
  await second.close();
});

test("posting adds the comment at once, awaiting moderation, counted, in Recent Comments, and after reload", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await expect(page.getByRole("heading", { name: "Comments ( 1 )" })).toBeVisible();
  await fill(page, { comment: "A fresh view on https://example.org/khrushchev.", name: "Reader Ann", email: "ann@example.org" });
  // A double click posts once.
  await page.getByRole("button", { name: "Post Comment" }).dblclick();
  await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
  const mine = page.locator(".comment-list > li").last();
  await expect(mine).toContainText("Reader Ann says");
  await expect(mine).toContainText("Your comment is awaiting moderation.");
  await expect(mine.locator(".comment-content a")).toHaveAttribute("href", "https://example.org/khrushchev");
  await expect(page.locator(".form-refusal")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  const recent = page.locator(".recent-comments li").first();
  await expect(recent).toHaveText("Reader Ann on What was khrushchev’s secret speech?");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
  await expect(page.locator(".comment-list > li").last()).toContainText("Your comment is awaiting moderation.");
  await expect(page.locator(".recent-comments li").first()).toHaveText("Reader Ann on What was khrushchev’s secret speech?");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");

  await page.goto("/category/history-and-politics");
  const entry = page.locator(".entry-summary", { hasText: "What was khrushchev’s secret speech?" });
  await expect(entry.locator(".comment-count")).toHaveText(" · 2 comments");
});

test("a reply opens under its comment and posts nested", async ({ page }) => {
  await openPage(page, NAZDROVIA);
  await page.getByRole("link", { name: "Reply to Pat" }).click();
  const form = page.locator("#comment-1403 #respond");
  await expect(form.getByRole("heading")).toHaveText("Leave a Reply to Pat Cancel reply");
  await expect(page.getByRole("textbox", { name: "Comment" })).toBeFocused();
  await fill(page, { comment: "Agreed with Pat.", name: "Bo", email: "bo@example.org" });
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator("#comment-1403 > .children > li")).toContainText("Bo says");
  await expect(page.locator("#comment-1403 > .children > li")).toContainText("Your comment is awaiting moderation.");
  // The form is back under the post.
  await expect(page.locator(".entry-comments + #respond")).toBeVisible();
  await page.reload();
  await expect(page.locator("#comment-1403 > .children > li")).toContainText("Agreed with Pat.");
});

test("replies keep their own drafts; cancel reply goes back to the post's", async ({ page }) => {
  await openPage(page, NAZDROVIA);
  await page.getByRole("textbox", { name: "Comment" }).fill("To the post");
  await page.getByRole("link", { name: "Reply to bigdogg" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("");
  await page.getByRole("textbox", { name: "Comment" }).fill("To bigdogg");
  await page.getByRole("link", { name: "Cancel reply" }).click();
  await expect(page.locator("#respond h2")).toHaveText("Leave a Reply");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To the post");
  await page.getByRole("link", { name: "Reply to bigdogg" }).click();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("To bigdogg");
});

test("duplicates and floods are refused and the text stays", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  // One's own words again, to the same post, are a duplicate.
  await fill(page, { comment: "Short and clear, thanks!", name: "Cy", email: "cy@example.org" });
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
  await page.waitForTimeout(1600);
  await fill(page, { comment: "Short and clear, thanks!" });
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.getByRole("alert")).toHaveText("Duplicate comment detected; it looks as though you’ve already said that!");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Short and clear, thanks!");

  await fill(page, { comment: "Something new, too soon" });
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.getByRole("alert")).toHaveText("You are posting comments too quickly. Slow down.");
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Something new, too soon");
  await expect(page.getByRole("heading", { name: "Comments ( 2 )" })).toBeVisible();
});

test("consent remembers name, email and website for every post; unticking forgets them", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await fill(page, { comment: "Remember me", name: "Dana", email: "dana@example.org", website: "https://dana.example" });
  await page.getByLabel("Save my name, email, and website").check();
  await page.getByRole("button", { name: "Post Comment" }).click();
  await expect(page.locator(".comment-list > li").last()).toContainText("Dana says");
  await expect(page.locator(".comment-list > li").last().locator(".comment-author a")).toHaveAttribute("href", "https://dana.example");

  await page.goto(NAZDROVIA);
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Dana");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("dana@example.org");
  await expect(page.getByRole("textbox", { name: "Website" })).toHaveValue("https://dana.example");
  await expect(page.getByLabel("Save my name, email, and website")).toBeChecked();

  await page.getByLabel("Save my name, email, and website").uncheck();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("");
  await expect(page.getByLabel("Save my name, email, and website")).not.toBeChecked();
});

test("without consent nothing but the comment text is stored", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  await fill(page, { comment: "Draft text", name: "Eve", email: "eve@example.org" });
  await page.waitForTimeout(1000);
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).toContain("Draft text");
  expect(stored).not.toContain("eve@example.org");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Comment" })).toHaveValue("Draft text");
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("");
});

test("a comment posted in another tab joins the thread without disturbing a reply being typed here", async ({ context }) => {
  const [here, there] = [await context.newPage(), await context.newPage()];
  await openPage(here, KHRUSHCHEV);
  await openPage(there, KHRUSHCHEV);
  // Here: a reply under the first comment, the caret in the middle of the text.
  await here.locator(".comment-reply-link").first().click();
  const box = here.getByRole("textbox", { name: "Comment" });
  await box.fill("Half of my reply, and the rest");
  await box.evaluate((textarea: HTMLTextAreaElement) => textarea.setSelectionRange(12, 12));
  await box.evaluate((textarea: HTMLTextAreaElement) => ((window as any).__replyBox = textarea));
  // There: a new comment on the same post.
  await fill(there, { comment: "Posted from the other tab", name: "Vika", email: "vika@example.org" });
  await there.getByRole("button", { name: "Post Comment" }).click();
  await expect(there.locator(".form-posted")).toBeVisible();
  await expect(here.locator(".comment-list")).toContainText("Posted from the other tab");
  // The same element, still focused, with its text and caret.
  expect(await box.evaluate((textarea) => (window as any).__replyBox === textarea)).toBe(true);
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("Half of my reply, and the rest");
  expect(await box.evaluate((textarea: HTMLTextAreaElement) => [textarea.selectionStart, textarea.selectionEnd])).toEqual([12, 12]);
});
