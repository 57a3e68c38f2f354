// The journal in Chromium against the real portal: editing with live preview and
// Ctrl+S, the unsaved-changes warning, hostile markdown rendered inert, a
// two-tab conflict, the size limit, a ciphertext moved between students, and export.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page, Request } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { delta, scrapeMetrics } from "./support/metrics";
import { JOURNAL_LABEL, expectNoteText, noteEditor, pasteInto } from "./support/note-editor";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_LOG_FILE, E2E_SPANS_FILE } from "./support/server-config";
import { limit } from "./support/time-limits";

const DB_FILE = path.join(E2E_DATA_DIR, "miniportal.db");
const editor = (page: Page) => noteEditor(page);
const status = (page: Page) => page.getByTestId("save-status");

async function saveWithShortcut(page: Page) {
  await editor(page).press("ControlOrMeta+s");
  await expect(status(page)).toContainText("Saved at");
}

test("write with live preview, save with Ctrl+S, reload; logs carry sizes only; no plaintext on disk", async ({
  newStudent,
}) => {
  const { page } = await newStudent("Journal Writer");
  await page.goto("/phase/01/notes");
  await expect(status(page)).toHaveText("Not saved yet");
  // The editor is a text box named by its label, and a click on the label goes to it; phones
  // may capitalise and correct the prose as they did in the textarea.
  await expect(editor(page)).toBeVisible(); // the editor loads after the page
  await page.getByText(JOURNAL_LABEL, { exact: true }).click();
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveAttribute("autocapitalize", "sentences");
  const planted = "PLANTED-e2e-journal-4d2b8f";
  const text = `# Notes on logs\n\n${planted}\n\n| field | meaning |\n|---|---|\n| request_id | correlates lines |\n\n\`\`\`ts\nlogger().info({ event: "x" });\n\`\`\`\n`;
  await editor(page).fill(text);
  const preview = page.getByTestId("note-preview");
  await expect(preview.getByRole("heading", { name: "Notes on logs" })).toBeVisible();
  await expect(preview.locator("table td").first()).toHaveText("request_id");
  await expect(preview.locator("pre code")).toContainText('logger().info({ event: "x" });');
  await expect(status(page)).toHaveText("Unsaved changes");
  await saveWithShortcut(page);
  await expect(status(page)).toContainText("version 1");

  const before = await scrapeMetrics(page.request);
  await page.reload();
  await expectNoteText(editor(page), text);
  await expect(status(page)).toContainText("Saved at");
  // The decrypt behind that page was timed and traced.
  expect(delta(before, await scrapeMetrics(page.request), "portal_vault_decrypt_seconds_count")).toBeGreaterThanOrEqual(
    1,
  );
  await expect
    .poll(
      () => (existsSync(E2E_SPANS_FILE) ? readFileSync(E2E_SPANS_FILE, "utf8") : "").includes('"name":"vault.decrypt"'),
      { timeout: limit(15_000) },
    )
    .toBe(true);
  await page.goto("/phase/01");
  await expect(page.getByTestId("journal-status")).toContainText("saved");

  // Logs: a note.saved line with id and sizes, and the text nowhere.
  await expect.poll(() => readFileSync(E2E_LOG_FILE, "utf8").includes('"note.saved"')).toBe(true);
  const logs = readFileSync(E2E_LOG_FILE, "utf8");
  const saved = logs
    .split("\n")
    .filter((l) => l.includes('"note.saved"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(saved.at(-1)).toMatchObject({
    event: "note.saved",
    size_bytes: Buffer.byteLength(text),
    length_chars: [...text].length,
  });
  expect(saved.at(-1)?.note_id).toEqual(expect.any(String));
  expect(logs).not.toContain(planted);
  for (const file of [DB_FILE, `${DB_FILE}-wal`]) expect(readFileSync(file).includes(Buffer.from(planted))).toBe(false);
});

test("leaving with unsaved changes asks first", async ({ studentPage: page }) => {
  await page.goto("/phase/02/notes");
  await editor(page).fill("not saved yet");
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const shown = await dialog;
  expect(shown.type()).toBe("beforeunload");
  await shown.accept();
});

test("hostile markdown renders inert: no dialog, no outgoing request, nothing scriptable in the DOM", async ({
  studentPage: page,
}) => {
  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("request", (r: Request) => {
    if (!r.url().startsWith(E2E_BASE_URL)) foreign.push(r.url());
  });
  const hostile = [
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<svg onload=\"alert('svg')\"><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    '<a href="#" onclick="alert(\'click\')">raw click</a>',
    "[js link](javascript:alert('js'))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[spaced js](  JaVaScRiPt:alert('js2'))",
    "![svg image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)",
    "<style>body{background:url(http://127.0.0.9:9/css)}</style>",
    '<form action="http://127.0.0.9:9/"><button>go</button></form>',
  ].join("\n\n");
  await page.goto("/phase/03/notes");
  await editor(page).fill(hostile);
  await saveWithShortcut(page);
  await page.reload();
  await expectNoteText(editor(page), hostile);
  const preview = page.getByTestId("note-preview");
  await expect(preview.getByText("js link")).toBeVisible();
  for (const name of ["js link", "data link", "spaced js"]) await preview.getByText(name).click();
  await page.waitForTimeout(500);
  expect(page.url()).toContain("/phase/03/notes");

  const dom = await preview.evaluate((el) => ({
    scripts: el.querySelectorAll("script, svg, iframe, style, form, object, embed").length,
    handlers: [...el.querySelectorAll("*")]
      .flatMap((n) => [...n.attributes].map((a) => a.name))
      .filter((a) => a.startsWith("on")),
    urls: [...el.querySelectorAll("[href], [src]")].map((n) => n.getAttribute("href") ?? n.getAttribute("src") ?? ""),
  }));
  expect(dom.scripts).toBe(0);
  expect(dom.handlers).toEqual([]);
  expect(dom.urls.filter((u) => /^\s*(javascript|data|vbscript):/i.test(u))).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});

test("two tabs editing one note: the stale save gets a conflict view and the student chooses", async ({
  student: { page: tabA, context },
}) => {
  const tabB = await context.newPage();
  await tabA.goto("/phase/04/notes");
  await tabB.goto("/phase/04/notes");

  await editor(tabA).fill("Tab A wrote this first.");
  await saveWithShortcut(tabA);

  await editor(tabB).fill("Tab B has other ideas.");
  await editor(tabB).press("ControlOrMeta+s");
  await expect(tabB.getByRole("heading", { name: "This note changed somewhere else" })).toBeVisible();
  await expect(tabB.getByTestId("conflict-mine")).toHaveText("Tab B has other ideas.");
  await expect(tabB.getByTestId("conflict-theirs")).toHaveText("Tab A wrote this first.");
  await expectNoteText(editor(tabB), "Tab B has other ideas."); // nothing lost while deciding

  // B keeps its text: saved over version 1 as version 2.
  await tabB.getByRole("button", { name: "Keep mine" }).click();
  await expect(status(tabB)).toContainText("version 2");

  // A, still on version 1, edits again: conflict; it merges by hand.
  await editor(tabA).fill("Tab A wrote this first. And more.");
  await tabA.getByRole("button", { name: "Save" }).click();
  await expect(tabA.getByTestId("conflict-theirs")).toHaveText("Tab B has other ideas.");
  await tabA.getByRole("button", { name: "Merge by hand" }).click();
  await expectNoteText(
    editor(tabA),
    /<<<<<<< your text\nTab A wrote this first\. And more\.\n=======\nTab B has other ideas\.\n>>>>>>> saved version 2/,
  );
  // Pasted over the whole text: fill() selects through the DOM, which can leave the markers' last empty line.
  await pasteInto(editor(tabA), "Merged: A first, then B's ideas.");
  await saveWithShortcut(tabA);
  await expect(status(tabA)).toContainText("version 3");

  // B, now stale, takes the saved version.
  await editor(tabB).fill("B again");
  await editor(tabB).press("ControlOrMeta+s");
  await tabB.getByRole("button", { name: "Take the saved version" }).click();
  await expectNoteText(editor(tabB), "Merged: A first, then B's ideas.");
  await expect(status(tabB)).toContainText("version 3");

  await tabB.reload();
  await expectNoteText(editor(tabB), "Merged: A first, then B's ideas.");
});

test("a note over 256 KiB gets a clear error and stays in the editor", async ({ studentPage: page }) => {
  await page.goto("/phase/05/notes");
  const big = "a".repeat(300 * 1024);
  await editor(page).fill(big);
  await editor(page).press("ControlOrMeta+s");
  await expect(page.getByTestId("note-message")).toContainText("the limit is 256 KiB");
  // All of it: the counter counts what the editor holds (it shows only the part in view of a line this long).
  await expect(page.getByText("300.0 KiB of 256 KiB")).toBeVisible();
  await expect(editor(page).locator(".cm-line").first()).toContainText("a".repeat(1000));
  await expect(status(page)).toHaveText("Unsaved changes");
});

test("a ciphertext copied into another student's row shows an error, not the other student's text; export and admin access", async ({
  adminPage: admin,
  newStudent,
}) => {
  const alice = await newStudent("Alice Private");
  const bob = await newStudent("Bob Curious");
  await alice.page.goto("/phase/06/notes");
  await editor(alice.page).fill("ALICE-SECRET-e2e only for alice");
  await saveWithShortcut(alice.page);
  await bob.page.goto("/phase/06/notes");
  await editor(bob.page).fill("bob's own words");
  await saveWithShortcut(bob.page);

  // An attacker with write access to the database moves Alice's ciphertext into Bob's row.
  const sqlite = new Database(DB_FILE);
  try {
    const row = (email: string) =>
      sqlite
        .prepare(
          "SELECT n.id, n.ciphertext, n.iv, n.keyId FROM Note n JOIN User u ON u.id = n.userId JOIN Phase p ON p.id = n.phaseId WHERE u.email = ? AND p.number = 6",
        )
        .get(email) as { id: string; ciphertext: Buffer; iv: Buffer; keyId: string };
    const a = row(alice.email);
    const b = row(bob.email);
    sqlite
      .prepare("UPDATE Note SET ciphertext = ?, iv = ?, keyId = ? WHERE id = ?")
      .run(a.ciphertext, a.iv, a.keyId, b.id);
  } finally {
    sqlite.close();
  }
  await bob.page.goto("/phase/06/notes");
  await expect(bob.page.getByText("Your saved journal entry for this phase cannot be decrypted.")).toBeVisible();
  await expectNoteText(editor(bob.page), "");
  expect(await bob.page.content()).not.toContain("ALICE-SECRET");

  // Alice's export: her note, decrypted, in a zip.
  await alice.page.goto("/phase/06/notes");
  const download = alice.page.waitForEvent("download");
  await alice.page.getByRole("link", { name: "Download all my data" }).click();
  const file = await (await download).path();
  const names = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
  expect(names).toMatch(/^notes\/06-.*\.md$/m);
  expect(names).toMatch(/^reviews\.json$/m);
  expect(names).toMatch(/^exams\.json$/m);
  expect(execFileSync("unzip", ["-p", file], { encoding: "utf8" })).toContain("ALICE-SECRET-e2e only for alice");

  // Bob's export has no Alice text; an admin cannot use the export route, nor reach a journal.
  const bobExport = await bob.page.request.get("/me/export");
  expect(bobExport.status()).toBe(200);
  expect(bobExport.headers()["content-type"]).toBe("application/zip");
  const bobZip = test.info().outputPath("bob-export.zip");
  writeFileSync(bobZip, await bobExport.body());
  const bobFiles = execFileSync("unzip", ["-Z1", bobZip], { encoding: "utf8" });
  expect(bobFiles).toMatch(/^notes\/06-.*\.UNREADABLE\.txt$/m);
  expect(execFileSync("unzip", ["-p", bobZip], { encoding: "utf8" })).not.toContain("ALICE-SECRET");
  expect((await admin.request.get("/me/export")).status()).toBe(403);
  await admin.goto("/phase/06/notes");
  await expect(admin).not.toHaveURL(/\/notes$/);
});

test("a note at the size limit: typed keys stay in the editor, the preview catches up; right-to-left text reads right to left", async ({
  newStudent,
}) => {
  // Its own waits below add up to two minutes on a loaded machine: more than the default.
  test.setTimeout(limit(180_000));
  const { page } = await newStudent("Long Note Writer");
  await page.goto("/phase/06/notes");
  const block = (i: number) =>
    `## Section ${i}\n\nNotes with \`code\` and a [link](https://example.org/${i}).\n\n- one\n- two\n\n`;
  let text = "# Large note\n\nمرحبا بالعالم، هذه ملاحظة.\n\n";
  for (let i = 0; text.length < 250 * 1024; i++) text += block(i);
  // Pasted (typing 250 KiB key by key is not the point here), once the editor answers typing.
  await editor(page).fill("x");
  await expect(status(page)).toHaveText("Unsaved changes");
  await pasteInto(editor(page), text);
  // Each line takes its direction from its text (dir="auto"), as each preview block does.
  await page.keyboard.press("ControlOrMeta+Home");
  const arabic = editor(page).locator(".cm-line", { hasText: "مرحبا بالعالم" });
  await expect(arabic).toHaveCSS("direction", "rtl");
  await expect(editor(page).locator(".cm-line", { hasText: "Large note" })).toHaveCSS("direction", "ltr");
  const preview = page.getByTestId("note-preview");
  // The first rendering parses every block: on a loaded machine that takes a while.
  await expect(preview.getByRole("heading", { name: "Large note" })).toBeVisible({ timeout: limit(60_000) });
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("typed at the end");
  // The editor shows only the lines in view: the end of the note, ending with the typed keys.
  await expect(editor(page).locator(".cm-line").last()).toHaveText("typed at the end", { timeout: limit(30_000) });
  await expect(page.getByText(`${((Buffer.byteLength(text) + 16) / 1024).toFixed(1)} KiB of 256 KiB`)).toBeVisible({
    timeout: limit(30_000),
  });
  await expect(preview.getByText("typed at the end")).toBeVisible({ timeout: limit(30_000) });
  await expect(preview.locator("h2")).toHaveCount(text.split("## Section").length - 1);

  await expect(editor(page).locator(".cm-line").last()).toHaveCSS("direction", "ltr");
  await expect(preview.getByText("مرحبا بالعالم، هذه ملاحظة.")).toHaveCSS("direction", "rtl");
  await expect(preview.getByText("typed at the end")).toHaveCSS("direction", "ltr");
  await expect(status(page)).toHaveText("Unsaved changes");
});
