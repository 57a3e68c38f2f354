// Issue 31: review on the train. At 390 px, in English and in Spanish: the connection
// drops mid-session, ten grades are queued, the page is closed and reopened offline
// (the service worker answers /review with the kept shell), more grades, back online →
// every grade reaches the server exactly once and the dashboard agrees. Two devices
// grading the same card offline and online keep both grades (the schedule is the
// replay of the log); a refused grade is shown; sign-out leaves no student data in
// IndexedDB or Cache Storage.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { adminEmail, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { BROWSER_LOCALE, type Locale } from "./support/i18n";
import { seedAccount, signInContext, withPortalDb } from "./support/seed";
import { E2E_APP_DIR } from "./support/server-config";

const PHONE = { width: 390, height: 844 };
const TEXT = {
  en: {
    show: "Show answer",
    easy: "5 Easy",
    shell: "Review (offline)",
    offline: "You are offline",
    sent: (n: number) => `${n} grades given offline were sent`,
  },
  es: {
    show: "Mostrar respuesta",
    easy: "5 Fácil",
    shell: "Repaso (sin conexión)",
    offline: "Estás sin conexión",
    sent: (n: number) => `Se enviaron ${n} calificaciones`,
  },
} as const;

async function phoneStudent(newContext: (o: object) => Promise<BrowserContext>, locale: Locale, name: string) {
  const email = uniqueEmail("offline");
  const account = await seedAccount({ email, name, password: STUDENT_PASSWORD, invitedBy: adminEmail() });
  const device = async () => {
    const context = await newContext({ viewport: PHONE, locale: BROWSER_LOCALE[locale] });
    await signInContext(context, email);
    return context;
  };
  return { account, device };
}

/** /review online, with the worker in control, the shell cached and the deck kept. */
async function openReviewOnline(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto("/review");
  await expect(page.getByTestId("review-card")).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        if (!navigator.serviceWorker.controller) return false;
        if (!(await indexedDB.databases()).some((d) => d.name === "miniportal-offline")) return false;
        return Boolean(await (await caches.open("miniportal-review-shell")).match("/review/offline"));
      }),
    )
    .toBe(true);
  return page;
}

async function gradeShown(page: Page, key: string): Promise<string> {
  const card = page.getByTestId("review-card");
  const id = (await card.getAttribute("data-card-id"))!;
  await page.keyboard.press("Space");
  await expect(page.getByTestId("review-back")).toBeVisible();
  await page.keyboard.press(key);
  await expect(card).not.toHaveAttribute("data-card-id", id);
  return id;
}

const counts = (userId: string) =>
  withPortalDb(async (db) => ({
    logs: await db.reviewLog.count({ where: { userId } }),
    offline: await db.offlineGrade.count({ where: { userId, outcome: "applied" } }),
    cards: (await db.reviewLog.groupBy({ by: ["cardId"], where: { userId } })).length,
  }));

async function storedData(page: Page) {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name);
    const cacheNames = await caches.keys();
    const paths: string[] = [];
    for (const name of cacheNames)
      for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
    return { databases, cacheNames, paths };
  });
}

for (const locale of ["en", "es"] as const) {
  test(`offline at 390 px (${locale}): grades queued, page reopened offline, every grade sent once`, async ({
    newContext,
  }) => {
    const { account, device } = await phoneStudent(newContext, locale, `Train Rider ${locale}`);
    const context = await device();
    let page = await openReviewOnline(context);
    // Chromium's own install checks (manifest, icons, worker): nothing missing but a normal
    // profile (Playwright's contexts are off the record, where Chromium never offers to install).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors.filter((e) => e.errorId !== "in-incognito")).toEqual([]);
    expect((await cdp.send("Page.getAppManifest")).errors).toEqual([]);
    await gradeShown(page, "5"); // online, through the server action

    await context.setOffline(true);
    await expect(page.getByTestId("offline-banner")).toContainText(TEXT[locale].offline);
    const offlineCards: string[] = [];
    for (let i = 0; i < 10; i++) offlineCards.push(await gradeShown(page, i % 2 ? "4" : "5"));
    await expect(page.getByTestId("offline-banner")).toContainText("10");
    expect((await counts(account.userId)).logs).toBe(1);

    // Closed and reopened without a network: the worker answers /review with the shell.
    await page.close();
    page = await context.newPage();
    await page.goto("/review");
    await expect(page.getByRole("heading", { level: 1, name: TEXT[locale].shell })).toBeVisible();
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    const again = await page.getByTestId("review-card").getAttribute("data-card-id");
    expect(offlineCards).not.toContain(again);
    for (let i = 0; i < 2; i++) offlineCards.push(await gradeShown(page, "5"));
    // And with the buttons, as online.
    const card = page.getByTestId("review-card");
    const id = (await card.getAttribute("data-card-id"))!;
    await page.getByRole("button", { name: TEXT[locale].show }).click();
    await page.getByRole("button", { name: TEXT[locale].easy, exact: true }).click();
    await expect(card).not.toHaveAttribute("data-card-id", id);
    offlineCards.push(id);
    expect(new Set(offlineCards).size).toBe(13);

    await context.setOffline(false);
    await expect(page.getByTestId("sync-note")).toContainText(TEXT[locale].sent(13));
    expect(await counts(account.userId)).toEqual({ logs: 14, offline: 13, cards: 14 });

    // A second send (another visit) changes nothing; /me and /review count the same.
    await page.goto("/review");
    const dueOnReview = await page.getByTestId("due-summary").first().innerText();
    await page.goto("/me");
    await expect(page.getByTestId("due-summary").first()).toHaveText(dueOnReview);
    expect(dueOnReview).toContain("6");
    expect(await counts(account.userId)).toEqual({ logs: 14, offline: 13, cards: 14 });
  });
}

test("two devices merge; a refused grade is shown; sign-out leaves nothing behind", async ({ newContext }) => {
  const { account, device } = await phoneStudent(newContext, "en", "Two Devices");
  const phone = await device();
  const laptop = await device();
  const onPhone = await openReviewOnline(phone);
  const onLaptop = await openReviewOnline(laptop);

  await phone.setOffline(true);
  const shared = await gradeShown(onPhone, "3"); // offline first …
  const refused = await gradeShown(onPhone, "5");
  expect(await gradeShown(onLaptop, "5")).toBe(shared); // … then online, later, on the laptop
  // The second card is suspended meanwhile (card browser): its offline grade will be refused.
  await withPortalDb((db) =>
    db.reviewState.create({
      data: { userId: account.userId, cardId: refused, dueAt: new Date(), suspendedAt: new Date() },
    }),
  );

  await phone.setOffline(false);
  await expect(onPhone.getByTestId("sync-note")).toContainText("1 grade given offline was sent");
  await expect(onPhone.getByTestId("refused-grades")).toContainText("This card is suspended");
  const merged = await withPortalDb(async (db) => ({
    logs: await db.reviewLog.findMany({
      where: { userId: account.userId, cardId: shared },
      orderBy: { reviewedAt: "asc" },
      select: { grade: true },
    }),
    state: await db.reviewState.findUnique({
      where: { userId_cardId: { userId: account.userId, cardId: shared } },
      select: { repetitions: true },
    }),
    offline: await db.offlineGrade.findFirst({ where: { userId: account.userId, cardId: shared } }),
  }));
  // Both grades kept in time order; the schedule is their replay (3 then 5: two successes).
  expect(merged.logs.map((l) => l.grade)).toEqual([3, 5]);
  expect(merged.state?.repetitions).toBe(2);
  expect(merged.offline).toMatchObject({ outcome: "applied", merged: true });
  // Still shown after a reload, until dismissed.
  await onPhone.reload();
  await expect(onPhone.getByTestId("refused-grades")).toBeVisible();

  // The journal on the laptop: offline it keeps the text and says it cannot save.
  const notes = await laptop.newPage();
  await notes.goto("/phase/01/notes");
  await laptop.setOffline(true);
  await expect(notes.getByTestId("journal-offline")).toContainText("cannot be saved until you are back online");
  await expect(notes.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await laptop.setOffline(false);
  await expect(notes.getByTestId("journal-offline")).toHaveCount(0);

  // The endpoint itself: malformed, oversized and cross-site bodies are refused whole.
  const origin = new URL(onPhone.url()).origin;
  const post = (data: string, from = origin) =>
    onPhone.request.post("/review/sync", { data, headers: { "content-type": "application/json", origin: from } });
  expect((await post("{")).status()).toBe(400);
  expect((await post(JSON.stringify({ v: 1, grades: [] }) + " ".repeat(70_000))).status()).toBe(413);
  expect((await post("{}", "https://elsewhere.example")).status()).toBe(403);

  // Sign-out: no offline database, no cached shell; only the build's static files remain.
  await onPhone.getByRole("button", { name: "Menu" }).click();
  await onPhone.getByRole("button", { name: "Sign out" }).click();
  await expect(onPhone).toHaveURL(/\/login$/);
  await expect.poll(async () => (await storedData(onPhone)).databases).not.toContain("miniportal-offline");
  const left = await storedData(onPhone);
  expect(left.cacheNames).not.toContain("miniportal-review-shell");
  for (const path of left.paths) expect(path).toMatch(/^\/(_next\/static\/|icons\/)/);
});

test("a new build's worker waits for the banner's reload; a deactivated account's grades stay queued", async ({
  newContext,
}) => {
  const { account, device } = await phoneStudent(newContext, "en", "Update Watcher");
  const context = await device();
  const page = await openReviewOnline(context);
  // A new deployment: another worker script (the portal serves public/ from disk).
  const sw = path.join(E2E_APP_DIR, "public/sw.js");
  const original = readFileSync(sw, "utf8");
  try {
    writeFileSync(sw, `${original}\n// another build ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect(page.getByTestId("update-ready")).toContainText("A new version of the portal is ready");
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByTestId("update-ready")).toHaveCount(0);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return Boolean(r?.active && !r.waiting && navigator.serviceWorker.controller);
        }),
      )
      .toBe(true);
  } finally {
    writeFileSync(sw, original);
  }

  // Deactivated while offline: the send is refused with the reason, the grade stays queued.
  await context.setOffline(true);
  await gradeShown(page, "5");
  await withPortalDb((db) =>
    db.user.update({
      where: { id: account.userId },
      data: { status: "disabled", sessionVersion: { increment: 1 } },
    }),
  );
  await context.setOffline(false);
  await expect(page.getByTestId("sync-note")).toContainText("Sign in to send the grades you gave offline");
  await expect(page.getByTestId("sync-note")).toContainText("1 grade waiting");
  expect((await counts(account.userId)).logs).toBe(0);
});
