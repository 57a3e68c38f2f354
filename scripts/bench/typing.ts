// Typing latency in the journal editor with a note at the size limit (issue 25), beside
// the same keys in a bare textarea holding the same text: what the browser pays anyway.
// Latency is keydown → the first task after the next frame (the key's text painted).
import type { Browser, Page } from "@playwright/test";

const KEYS = "the quick brown fox jumps over the lazy dog ";
const KEY_DELAY_MS = 80;

/** A markdown note of `bytes` bytes (ASCII), in blocks like a student's notes. */
export function largeNote(bytes: number): string {
  let text = "# Large note\n\n";
  for (let i = 0; text.length < bytes; i++)
    text += `## Section ${i}\n\nNotes with **bold**, \`code\` and a [link](https://example.org/${i}), long enough to wrap.\n\n- one\n- two\n\n`;
  return text.slice(0, bytes);
}

/** Puts `text` in the page's textarea as a paste would, then types KEYS in its middle. */
async function typeIntoTextarea(page: Page, text: string, previewed: boolean): Promise<number[]> {
  if (previewed) {
    // A value set before the editor has hydrated is lost: wait until it answers a key.
    await page.locator("textarea").fill("x");
    await page.getByTestId("save-status").getByText("Unsaved changes").waitFor();
  }
  await page.evaluate((value) => {
    const area = document.querySelector("textarea")!;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!.call(area, value);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  // Typing starts once the preview shows the whole note (its last section), as a student
  // who pasted it would see before going on.
  const last = /## (Section \d+)\n[^#]*$/.exec(text)?.[1] ?? "";
  if (previewed)
    await page.waitForFunction(
      (heading) => document.querySelector("[data-testid=note-preview]")?.textContent?.includes(heading),
      last,
      { timeout: 120_000, polling: 500 },
    );
  await page.evaluate(() => {
    const w = window as unknown as { typingLatency: number[] };
    w.typingLatency = [];
    const area = document.querySelector("textarea")!;
    area.addEventListener("keydown", () => {
      const t0 = performance.now();
      requestAnimationFrame(() => setTimeout(() => w.typingLatency.push(performance.now() - t0), 0));
    });
    area.focus();
    const middle = Math.floor(area.value.length / 2);
    area.setSelectionRange(middle, middle);
  });
  await page.keyboard.type(KEYS, { delay: KEY_DELAY_MS });
  await page.waitForTimeout(1000);
  return page.evaluate(() => (window as unknown as { typingLatency: number[] }).typingLatency);
}

/** The editor's textarea as the notes page styles it, alone on a page. */
const BARE_PAGE = `<!doctype html><textarea spellcheck="true" dir="auto" style="width:600px;min-height:60vh;padding:16px;
font:14px/1.6 ui-monospace,monospace"></textarea>`;

export async function typingLatency(browser: Browser, notesPage: Page, bytes: number) {
  const text = largeNote(bytes);
  const portal = await typeIntoTextarea(notesPage, text, true);
  const bare = await browser.newPage({ viewport: notesPage.viewportSize() ?? undefined });
  try {
    await bare.setContent(BARE_PAGE);
    return { portal, bare: await typeIntoTextarea(bare, text, false), keys: KEYS.length, delayMs: KEY_DELAY_MS };
  } finally {
    await bare.close();
  }
}
