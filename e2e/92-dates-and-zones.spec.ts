// Issue 27, item 4: phase dates (course.yaml) on the dashboard and phase page, a
// student's calendar feed behind a link that can be reset, and every time shown in
// the account's zone, the same in the page as sent and after hydration, whatever
// zone the browser is in. English at 1280 px, Spanish at 390 px.
import type { Page } from "@playwright/test";
import { resolveCourseMoment } from "../lib/content/course-dates";
import { localDay, plusDays } from "../lib/time/zones";
import { expect, test } from "./support/fixtures";
import { setAccountZone, withPortalDb } from "./support/seed";

const ZONE = "America/Mexico_City";
// The browser is elsewhere: what the page shows must not depend on it.
test.use({ timezoneId: "Asia/Tokyo" });

// The student's own today: the UTC date is a day ahead of Mexico City from 00:00 to 06:00 UTC.
const today = localDay(ZONE, new Date());
const DATES = {
  1: {
    opensAt: resolveCourseMoment(plusDays(today, -3), ZONE, "start"),
    dueAt: resolveCourseMoment(plusDays(today, 4), ZONE, "end"),
  },
  2: { opensAt: null, dueAt: resolveCourseMoment(plusDays(today, -1), ZONE, "end") },
};

async function setPhaseDates(dates: typeof DATES | null) {
  await withPortalDb(async (db) => {
    for (const number of [1, 2] as const) {
      const d = dates?.[number];
      await db.phase.update({ where: { number }, data: { opensAt: d?.opensAt ?? null, dueAt: d?.dueAt ?? null } });
    }
  });
}

test.beforeAll(() => setPhaseDates(DATES));
test.afterAll(() => setPhaseDates(null));

/** The text of each <time> as the server sent it, by its dateTime. */
async function sentTimes(page: Page, path: string): Promise<Map<string, string>> {
  const html = await (await page.request.get(path)).text();
  return new Map([...html.matchAll(/<time dateTime="([^"]+)"[^>]*>([^<]*)<\/time>/g)].map((m) => [m[1]!, m[2]!]));
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
}

test("a student in Mexico City sees the phase dates in their zone, before and after hydration (1280 px, English)", async ({
  student,
}) => {
  const page = student.page;
  await page.setViewportSize({ width: 1280, height: 900 });
  await setAccountZone(student.email, ZONE);
  await page.goto("/me");
  await expect(page.getByText(`Days and times are in ${ZONE}`)).toBeVisible();
  const first = page.getByTestId("phase-progress-01").getByTestId("phase-dates");
  await expect(first).toContainText("Opened");
  await expect(first).toContainText("Open");
  await expect(first).toContainText(/Due .*23:59/);
  await expect(page.getByTestId("phase-progress-02").getByTestId("phase-dates")).toContainText("Overdue");
  await expect(page.getByTestId("phase-progress-03").getByTestId("phase-dates")).toHaveCount(0);

  // The due date reads the same in the HTML as sent and in the hydrated page (not Tokyo's time).
  const due = DATES[1].dueAt.toISOString();
  const sent = (await sentTimes(page, "/me")).get(due);
  expect(sent).toMatch(/23:59/);
  await expect(first.locator(`time[datetime="${due}"]`)).toHaveText(sent!);

  await page.goto("/phase/01");
  await expect(page.getByTestId("phase-dates")).toContainText(sent!);
});

test("the calendar feed: turned on, read without a session, reset and turned off", async ({ student, newContext }) => {
  const page = student.page;
  await page.goto("/account");
  const card = page.locator("form", { has: page.getByTestId("calendar-state") });
  await expect(card.getByTestId("calendar-state")).toHaveText(/feed is off/);
  await card.getByRole("button", { name: "Turn on calendar feed" }).click();
  await expect(card.getByRole("status")).toHaveText("Calendar feed on. Copy the link below.");
  const first = await card.getByTestId("calendar-url").inputValue();
  expect(first).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

  // A calendar app has no cookie: the link alone opens the feed.
  const app = (await newContext()).request;
  const feed = await app.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const ics = await feed.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  const compact = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  expect(ics).toContain(`DTEND:${compact(new Date(DATES[1].dueAt.getTime() + 60_000))}`);
  expect(ics).toMatch(/SUMMARY:Phase 01 due: /);

  // Reset: a new link, the old one refused with a reason.
  await card.getByRole("button", { name: "Reset link" }).click();
  await expect(card.getByRole("status")).toContainText("New link made");
  const second = await card.getByTestId("calendar-url").inputValue();
  expect(second).not.toBe(first);
  const old = await app.get(first);
  expect(old.status()).toBe(404);
  expect(await old.text()).toContain("This calendar link does not work");
  expect((await app.get(second)).status()).toBe(200);

  // After a reload the link is not shown again; turned off, it stops working.
  await page.reload();
  await expect(card.getByTestId("calendar-state")).toHaveText(/feed is on/);
  await expect(card.getByTestId("calendar-url")).toHaveCount(0);
  await card.getByRole("button", { name: "Turn off" }).click();
  await expect(card.getByRole("status")).toHaveText(/Calendar feed off/);
  expect((await app.get(second)).status()).toBe(404);
});

test.describe("in Spanish at 390 px", () => {
  test.use({ uiLocale: "es", viewport: { width: 390, height: 844 } });

  test("the dates, their state and the calendar card read in Spanish and fit the phone", async ({ student }) => {
    const page = student.page;
    await setAccountZone(student.email, ZONE);
    await page.goto("/me");
    await expect(page.getByText(`Los días y las horas están en ${ZONE}`)).toBeVisible();
    await expect(page.getByTestId("phase-progress-01").getByTestId("phase-dates")).toContainText("Entrega:");
    await expect(page.getByTestId("phase-progress-02").getByTestId("phase-dates")).toContainText("Atrasada");
    await noSidewaysScroll(page);
    await page.goto("/phase/02");
    await expect(page.getByTestId("phase-dates")).toContainText("Atrasada");
    await noSidewaysScroll(page);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Calendario" })).toBeVisible();
    await page.getByRole("button", { name: "Activar el calendario" }).click();
    await expect(page.getByText("Calendario activado. Copia el enlace de abajo.")).toBeVisible();
    await noSidewaysScroll(page);
  });
});
