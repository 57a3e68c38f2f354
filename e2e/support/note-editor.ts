// The journal's editor as a student meets it: a CodeMirror field (components/journal/
// note-text-field.tsx), a text box named by its label. It has no `value`: what it holds
// is the text of its lines. `fill()` and `press()` work on it as on a textarea.
import { type Locator, type Page, expect } from "@playwright/test";

export const JOURNAL_LABEL = "Journal text (markdown)";

/** The editor, found by its accessible name (pass the translated label on other languages). */
export const noteEditor = (page: Page, label = JOURNAL_LABEL): Locator => page.getByRole("textbox", { name: label });

/**
 * The text the editor shows: its lines, one per line of text, without the placeholder.
 * CodeMirror renders only the lines near the view, so this is the whole text only for a
 * note short enough to be shown at once (every note these specs write but the size-limit ones).
 */
export function shownText(editor: Locator): Promise<string> {
  return editor.evaluate((content) =>
    [...content.querySelectorAll(":scope > .cm-line")]
      .map((line) => {
        const copy = line.cloneNode(true) as Element;
        for (const hint of copy.querySelectorAll(".cm-placeholder")) hint.remove();
        return copy.textContent ?? "";
      })
      .join("\n"),
  );
}

/** Waits until the editor shows `text` (or text matching it). */
export async function expectNoteText(editor: Locator, text: string | RegExp, timeout?: number): Promise<void> {
  const poll = expect.poll(() => shownText(editor), { timeout, message: "the text the journal editor shows" });
  await (typeof text === "string" ? poll.toBe(text) : poll.toMatch(text));
}

/** Replaces the editor's text as pasting it would (typing a note at the size limit key by key is not the point). */
export async function pasteInto(editor: Locator, text: string): Promise<void> {
  await editor.press("ControlOrMeta+a");
  await editor.evaluate((content, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
