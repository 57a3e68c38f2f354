// Privacy: with planted values (passwords typed into forms, a journal entry, the
// master pass, the session cookie, an invite token), everything the portals emit
// — every log line of every portal the run started, each /metrics text, every
// exported span, raw OTLP bytes included — contains none of them. A teardown step
// (the "privacy" project runs after every other spec), so their traffic is in the
// haystack too.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  ADMIN_PASSWORD,
  STUDENT_PASSWORD,
  choosePassword,
  inviteStudent,
  signIn,
  uniqueEmail,
} from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { expectNoteText, noteEditor } from "../support/note-editor";
import { E2E_SPANS_FILE, PLANTED, SLOT_COUNT_FILE, type Slot, slot } from "../support/server-config";
import { limit } from "../support/time-limits";

const PRIVACY_PASSWORD = "privacy student passphrase PLANTED-pw-7731";
const WRONG_PASSWORD = "mistyped passphrase PLANTED-pw-wrong-0412";
const NOTE_BODY = "PLANTED-note-body-c0ffee51 my private reflections";

const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

/** Every log file under a slot's directory: its portal's, and those of the portals specs started. */
function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".log"))
    .map((e) => path.join(e.parentPath, e.name));
}

async function metricsText(s: Slot): Promise<string> {
  const response = await fetch(`${s.baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${PLANTED.metricsToken}` },
  });
  expect(response.status, `/metrics of slot ${s.index}`).toBe(200);
  return response.text();
}

test("no planted secret appears in logs, /metrics or exported spans", async ({ adminPage: admin, newContext }) => {
  test.setTimeout(limit(90_000));
  // The invite is redeemed by hand: with this test's own planted password.
  const link = await inviteStudent(admin, "Private Student", uniqueEmail("privacy"));
  const inviteToken = link.split("/invite/")[1]!;
  const email = await (async () => {
    const page = await (await newContext()).newPage();
    await page.goto(link);
    const address = await page.locator('input[name="username"]').inputValue();
    await choosePassword(page, PRIVACY_PASSWORD);
    await expect(page).toHaveURL(/\/me$/);
    return address;
  })();

  const context = await newContext();
  const page = await context.newPage();
  await signIn(page, email, WRONG_PASSWORD);
  await expect(page.getByText(/do not match an active account/)).toBeVisible();
  await signIn(page, email, PRIVACY_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("miniportal.session"))?.value;
  expect(cookie, "the session cookie").toBeTruthy();

  // The journal: saved through the vault, read back (encrypt and decrypt spans).
  const decryptSpans = () =>
    read(E2E_SPANS_FILE)
      .toString("utf8")
      .split("\n")
      .filter((l) => l.includes('"vault.decrypt"')).length;
  const decryptsBefore = decryptSpans();
  await page.goto("/phase/03/notes");
  const editor = noteEditor(page);
  await editor.fill(NOTE_BODY);
  await editor.press("ControlOrMeta+s");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await page.reload();
  await expectNoteText(editor, NOTE_BODY);
  await context.close(); // nothing more from this browser while the haystacks are read

  // Wait until the spans of this test have been exported (every 0.5 s).
  await expect
    .poll(decryptSpans, { timeout: limit(20_000), message: "this test's vault.decrypt span reached the OTLP receiver" })
    .toBeGreaterThan(decryptsBefore);

  const slots = Array.from({ length: JSON.parse(readFileSync(SLOT_COUNT_FILE, "utf8")) as number }, (_, i) => slot(i));
  const haystacks: Record<string, Buffer> = {};
  for (const s of slots) {
    for (const file of logFiles(s.dir)) haystacks[path.relative(process.cwd(), file)] = read(file);
    haystacks[`/metrics of slot ${s.index}`] = Buffer.from(await metricsText(s));
    haystacks[`decoded spans of slot ${s.index}`] = read(s.spansFile);
    haystacks[`raw OTLP bodies of slot ${s.index}`] = read(s.spansRawFile);
    expect(read(s.logFile).includes("request.completed"), `slot ${s.index} logged its requests`).toBe(true);
    expect(read(s.spansRawFile).length, `slot ${s.index} exported spans`).toBeGreaterThan(0);
  }

  const planted: Record<string, string> = {
    "admin password": ADMIN_PASSWORD,
    "student password": STUDENT_PASSWORD,
    "this student's password": PRIVACY_PASSWORD,
    "a mistyped password": WRONG_PASSWORD,
    "journal text": NOTE_BODY,
    "master pass": PLANTED.masterPass,
    "auth secret": PLANTED.authSecret,
    "metrics token": PLANTED.metricsToken,
    "SMTP password": PLANTED.smtpPass,
    "session cookie": cookie!,
    "session cookie (its last 24 characters)": cookie!.slice(-24),
    "invite token": inviteToken,
    "invite token (prefix)": inviteToken.slice(0, 16),
  };
  const found: string[] = [];
  for (const [what, value] of Object.entries(planted)) {
    for (const [where, haystack] of Object.entries(haystacks)) {
      if (haystack.includes(Buffer.from(value, "utf8"))) found.push(`${what} in ${where}`);
    }
  }
  expect(found).toEqual([]);
});
