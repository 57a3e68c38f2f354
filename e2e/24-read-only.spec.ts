// A database that cannot be written, as a user sees it (issue 22, item 2): a second
// portal started as an operator does, its data dir on a loop-mounted ext4 file
// system that turns read-only under the open database (what a failing disk does).
// Pages still load, each with a banner (English and Spanish); the journal's save
// says nothing was saved and keeps the text; signing in says why it cannot; /health
// is 503 within a second. Needs root and loop devices (skipped otherwise).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { issueInvite, redeemInvite } from "../lib/auth/invites";
import { sessionCookieName } from "../lib/auth/cookie-names";
import { encodeSessionToken } from "../lib/auth/session-token";
import { createSession } from "../lib/auth/sessions";
import { canMount, mountScratch } from "../tests/integration/storage-mounts";
import { BROWSER_LOCALE } from "./support/i18n";
import { expect, test } from "./support/fixtures";
import { expectNoteText, noteEditor } from "./support/note-editor";
import { startPortal, waitUntilReady } from "./support/portal-process";
import { withDataDirDb } from "./support/seed";
import { E2E_DIR, E2E_PORT } from "./support/server-config";
import { limit } from "./support/time-limits";

test.describe.configure({ mode: "serial" });
test.setTimeout(limit(5 * 60_000));

const DIR = path.join(E2E_DIR, "read-only-spec");
const PORT = E2E_PORT + 15;
const PASSWORD = "read only spec quiet river lamp";

/** A student of the portal on `dataDir` (made through lib/, as e2e/support/seed.ts does) and its session cookie. */
function studentOf(dataDir: string, base: URL) {
  return withDataDirDb(dataDir, async (db) => {
    const email = `read-only-${Date.now()}@example.org`;
    const invite = await issueInvite({ email, name: "Rosa Readonly", role: "student", actorId: null });
    const redeemed = await redeemInvite({ token: invite.token, password: PASSWORD });
    if (!redeemed.ok) throw new Error(`the invite was refused: ${redeemed.kind}`);
    // Last seen a while ago: the next page load tries to touch it (a write).
    const session = await createSession(redeemed.userId, new Date(Date.now() - 5 * 60_000));
    const { sessionVersion: sv } = await db.user.findUniqueOrThrow({ where: { id: redeemed.userId } });
    const value = await encodeSessionToken({ sub: redeemed.userId, sid: session.sid, sv }, session.expiresAt);
    return { email, cookie: { name: sessionCookieName(), value, url: base.origin, httpOnly: true } };
  });
}

test("a read-only data dir: banner on every page, the save keeps the text, sign-in says why, /health 503 at once", async ({
  browser,
}) => {
  test.skip(!canMount(), "needs root and loop devices");
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const mount = mountScratch(96);
  const data = path.join(mount.dir, "data");
  const portal = startPortal(data, PORT, path.join(DIR, "portal.log"));
  try {
    await waitUntilReady(portal);
    const student = await studentOf(data, portal.base);
    const context = await browser.newContext({ baseURL: portal.base.origin });
    await context.addCookies([student.cookie]);
    const page = await context.newPage();
    await page.goto("/phase/01/notes");
    const editor = noteEditor(page);
    await editor.fill("# Written before the disk failed\n\nand kept after it.");

    mount.makeReadOnly();
    const failedAt = Date.now();
    const answers: { askedAfterMs: number; status: number }[] = [];
    await expect
      .poll(
        async () => {
          const askedAfterMs = Date.now() - failedAt;
          const { status } = await fetch(new URL("/health", portal.base));
          answers.push({ askedAfterMs, status });
          return status;
        },
        { message: "/health answers 503 once the file system is read-only", timeout: limit(10_000), intervals: [50] },
      )
      .toBe(503);
    // At once: each worker looks at the file system every 200 ms when asked (LOOK_EVERY_MS),
    // so every /health asked later than that says 503, however long a busy machine takes to
    // answer (a wall-clock deadline on the answers failed under CI load).
    expect(answers.filter((a) => a.askedAfterMs >= 250 && a.status !== 503)).toEqual([]);

    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Nothing was saved; your text is still in the editor.")).toBeVisible();
    await expectNoteText(editor, "# Written before the disk failed\n\nand kept after it.");

    // Every other form says the same through formAction, never a 500 page: the new-cards limit on /account.
    await page.goto("/account");
    await page.getByLabel("New cards per day").fill("3");
    await page.getByRole("button", { name: "Save limit" }).click();
    await expect(page.getByText("Nothing was saved: the portal is read-only right now.")).toBeVisible();

    // Every page loads (the session's last-seen touch is skipped), with the banner.
    for (const url of ["/me", "/phase/01", "/phase/01/notes"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByTestId("read-only-banner")).toContainText("The portal is read-only right now.");
    }

    // Signing in: a clear message, not a 500; in Spanish too.
    const stranger = await browser.newContext({ baseURL: portal.base.origin });
    const login = await stranger.newPage();
    await login.goto("/login");
    await expect(login.getByTestId("read-only-banner")).toContainText("saving and signing in are not possible");
    await login.getByLabel("Email").fill(student.email);
    await login.getByLabel("Password").fill(PASSWORD);
    await login.getByRole("button", { name: "Sign in" }).click();
    await expect(
      login.getByText("The portal is read-only right now; signing in is not possible until the operator fixes it."),
    ).toBeVisible();
    await expect(login).toHaveURL(/\/login$/);

    const spanish = await browser.newContext({ baseURL: portal.base.origin, locale: BROWSER_LOCALE.es });
    const es = await spanish.newPage();
    await es.goto("/login");
    await expect(es.getByTestId("read-only-banner")).toContainText(
      "El portal está en modo de solo lectura ahora mismo.",
    );
    await Promise.all([context.close(), stranger.close(), spanish.close()]);

    // Logged once per worker process, not once per request.
    const logged = portal.log().match(/"event":"database.unwritable"/g)?.length ?? 0;
    expect(logged).toBeGreaterThanOrEqual(1);
    expect(logged).toBeLessThanOrEqual(2);
  } finally {
    portal.child.kill("SIGTERM");
    await portal.exited;
    mount.dispose();
  }
});
