// Privacy: with planted values (passwords typed into forms, a journal entry, the
// master pass, the session cookie, an invite token), everything the portal emits
// — every log line since startup, the /metrics text, every exported span, raw
// OTLP bytes included — contains none of them. Runs after the other specs so
// their traffic is in the haystack too.
import { existsSync, readFileSync } from "node:fs";
import {
  ADMIN_PASSWORD,
  STUDENT_PASSWORD,
  choosePassword,
  inviteStudent,
  signIn,
  uniqueEmail,
} from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { scrapeMetricsText } from "./support/metrics";
import { E2E_LOG_FILE, E2E_SPANS_FILE, E2E_SPANS_RAW_FILE, PLANTED } from "./support/server-config";

const PRIVACY_PASSWORD = "privacy student passphrase PLANTED-pw-7731";
const WRONG_PASSWORD = "mistyped passphrase PLANTED-pw-wrong-0412";
const NOTE_BODY = "PLANTED-note-body-c0ffee51 my private reflections";

const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));

test("no planted secret appears in logs, /metrics or exported spans", async ({
  adminPage: admin,
  newContext,
  request,
}) => {
  test.setTimeout(90_000);
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
  await page.goto("/phase/03/notes");
  const editor = page.getByLabel("Journal text (markdown)");
  await editor.fill(NOTE_BODY);
  await editor.press("ControlOrMeta+s");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await page.reload();
  await expect(editor).toHaveValue(NOTE_BODY);
  await context.close(); // nothing more from this browser while the haystacks are read

  // Wait until the spans of this test have been exported (every 0.5 s).
  await expect
    .poll(
      () =>
        read(E2E_SPANS_FILE)
          .toString("utf8")
          .split("\n")
          .filter((l) => l.includes('"vault.decrypt"')).length,
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 1500));

  const serverLog = read(E2E_LOG_FILE);
  const rawSpans = read(E2E_SPANS_RAW_FILE);
  const haystacks: Record<string, Buffer> = {
    "server log": serverLog,
    "/metrics": Buffer.from(await scrapeMetricsText(request)),
    "decoded spans": read(E2E_SPANS_FILE),
    "raw OTLP bodies": rawSpans,
  };
  expect(serverLog.includes("request.completed")).toBe(true);
  expect(rawSpans.length).toBeGreaterThan(0);

  const planted: Record<string, string> = {
    "admin password": ADMIN_PASSWORD,
    "student password": STUDENT_PASSWORD,
    "this student's password": PRIVACY_PASSWORD,
    "a mistyped password": WRONG_PASSWORD,
    "journal text": NOTE_BODY,
    "master pass": PLANTED.masterPass,
    "auth secret": PLANTED.authSecret,
    "metrics token": PLANTED.metricsToken,
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
