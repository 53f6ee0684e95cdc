// Keyboard reading on a post: j / k through answers and comments, r to
// reply to the comment in focus, ? for the list of shortcuts.
import { test, expect, openPage, KHRUSHCHEV } from "./fixtures";

test("j and k move through answers and comments, r replies, ? lists the shortcuts", async ({ page }) => {
  await openPage(page, KHRUSHCHEV);
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
  await page.keyboard.press("j");
  expect(await focusedId()).toBe("answer-1");
  await expect(page.locator("#answer-1")).toBeInViewport();
  await page.keyboard.press("j");
  expect(await focusedId()).toBe("comment-1101");
  await expect(page.locator("#comment-1101")).toBeInViewport();
  // The end stays where it is; k goes back.
  await page.keyboard.press("j");
  expect(await focusedId()).toBe("comment-1101");
  await page.keyboard.press("k");
  expect(await focusedId()).toBe("answer-1");
  // A visible focus ring.
  const outline = await page.locator("#answer-1").evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline).toBe("solid");

  // r replies to the comment in focus.
  await page.keyboard.press("j");
  await page.keyboard.press("r");
  await expect(page.getByRole("heading", { name: /Leave a Reply to Spellbound/ })).toBeVisible();
  const box = page.getByRole("textbox", { name: "Comment" });
  await expect(box).toBeFocused();
  // Typing in a field is typing: j, k, r and ? are letters there.
  await page.keyboard.type("jkr?");
  await expect(box).toHaveValue("jkr?");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // ? opens the list; Escape closes it and focus returns.
  await box.blur();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Next answer or comment");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  // Focus is not left on the hidden Close button (it was nowhere before);
  // the dialog's close event, which moves it, comes a task after it hides.
  const inDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest("dialog")));
  await expect.poll(inDialog).toBe(false);
  await page.keyboard.press("?");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(inDialog).toBe(false);
  // With a modifier held, keys are the browser's.
  await page.locator("#answer-1").focus();
  await page.keyboard.press("Alt+j");
  expect(await focusedId()).toBe("answer-1");
});
