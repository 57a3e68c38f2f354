// Typing latency in the journal editor with a note at the size limit (issue 25), beside
// the same keys in a bare textarea holding the same text: what the browser pays for a
// textarea anyway (the journal's editor is CodeMirror, which lays out only the lines in view).
// Latency is keydown → the first task after the next frame (the key's text painted).
import type { Browser, Locator, Page } from "@playwright/test";

const KEYS = "the quick brown fox jumps over the lazy dog ";
const KEY_DELAY_MS = 80;

/** A markdown note of `bytes` bytes (ASCII), in blocks like a student's notes. */
export function largeNote(bytes: number): string {
  let text = "# Large note\n\n";
  for (let i = 0; text.length < bytes; i++)
    text += `## Section ${i}\n\nNotes with **bold**, \`code\` and a [link](https://example.org/${i}), long enough to wrap.\n\n- one\n- two\n\n`;
  return text.slice(0, bytes);
}

/** Records each key's latency in `window.typingLatency`, then types KEYS where the cursor is. */
async function typeTimed(page: Page, selector: string): Promise<number[]> {
  await page.evaluate((selector) => {
    const w = window as unknown as { typingLatency: number[] };
    w.typingLatency = [];
    document.querySelector(selector)!.addEventListener("keydown", () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => w.typingLatency.push(performance.now() - t0), 0));
    });
  }, selector);
  await page.keyboard.type(KEYS, { delay: KEY_DELAY_MS });
  await page.waitForTimeout(1000);
  return page.evaluate(() => (window as unknown as { typingLatency: number[] }).typingLatency);
}

/** A paste of `text` where the editor's cursor is. */
const paste = (editor: Locator, text: string) =>
  editor.evaluate((content, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

/** Puts `text` in the journal's editor as pastes would, then types KEYS in its middle. */
async function typeIntoEditor(page: Page, text: string): Promise<number[]> {
  const editor = page.getByRole("textbox", { name: "Journal text (markdown)" });
  // Once the editor (loaded after the page) answers a key.
  await editor.fill("x");
  await page.getByTestId("save-status").getByText("Unsaved changes").waitFor();
  // The second half over everything, then the first half at the start: the cursor is in the middle.
  const half = Math.floor(text.length / 2);
  await editor.press("ControlOrMeta+a");
  await paste(editor, text.slice(half));
  await editor.press("ControlOrMeta+Home");
  await paste(editor, text.slice(0, half));
  // Typing starts once the preview shows the whole note (its last section), as a student
  // who pasted it would see before going on.
  const last = /## (Section \d+)\n[^#]*$/.exec(text)?.[1] ?? "";
  await page.waitForFunction(
    (heading) => document.querySelector("[data-testid=note-preview]")?.textContent?.includes(heading),
    last,
    { timeout: 120_000, polling: 500 },
  );
  await editor.focus();
  return typeTimed(page, "#note-text");
}

/** Puts `text` in the page's textarea as a paste would, then types KEYS in its middle. */
async function typeIntoTextarea(page: Page, text: string): Promise<number[]> {
  await page.evaluate((value) => {
    const area = document.querySelector("textarea")!;
    area.value = value;
    area.focus();
    const middle = Math.floor(value.length / 2);
    area.setSelectionRange(middle, middle);
  }, text);
  return typeTimed(page, "textarea");
}

/** The textarea the journal used to have, as the notes page styled it, alone on a page. */
const BARE_PAGE = `<!doctype html><textarea spellcheck="true" dir="auto" style="width:600px;min-height:60vh;padding:16px;
font:14px/1.6 ui-monospace,monospace"></textarea>`;

export async function typingLatency(browser: Browser, notesPage: Page, bytes: number) {
  const text = largeNote(bytes);
  const portal = await typeIntoEditor(notesPage, text);
  const bare = await browser.newPage({ viewport: notesPage.viewportSize() ?? undefined });
  try {
    await bare.setContent(BARE_PAGE);
    return { portal, bare: await typeIntoTextarea(bare, text), keys: KEYS.length, delayMs: KEY_DELAY_MS };
  } finally {
    await bare.close();
  }
}
