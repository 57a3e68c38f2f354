// Issue 29: FSRS beside SM-2. A student switches to FSRS on /account (the replay
// runs; the retention field shows the workload before saving), reviews with the
// four answers — each showing its next interval — by key 1-4, re-drills an Again,
// undoes, sees the simulator on the dashboard and suspends a card in the browser.
// Then the review page itself, at 1280 and 390 px, in English and Spanish.
// The e2e portals give new students SM-2 (MINIPORTAL_SCHEDULER=sm2, server-config.ts),
// so the older specs keep grading 0-5; these students switch.
import { type Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { withPortalDb } from "./support/seed";
import { exactly, inSpanish, type Locale } from "./support/i18n";
import { overflowProblems } from "./support/overflow";
import { tapTargetProblems } from "./support/tap-targets";
import { languageProblems } from "./support/page-language";
import { limit } from "./support/time-limits";

const RATINGS = ["Again", "Hard", "Good", "Easy"] as const;

async function reveal(page: Page) {
  // Space reveals once the page has hydrated; pressing again once revealed does nothing.
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("review-back")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: limit(20_000) });
}

async function rate(page: Page, key: string, reviewedAfter: number): Promise<string> {
  await reveal(page);
  const id = (await page.getByTestId("review-card").getAttribute("data-card-id"))!;
  await page.keyboard.press(key);
  await expect(page.getByTestId("review-progress")).toHaveText(new RegExp(`^${reviewedAfter} of `));
  return id;
}

test("a student switches to FSRS, rates with keys 1-4 seeing each interval, re-drills, undoes, simulates and suspends", async ({
  student,
}) => {
  const { page } = student;
  await page.goto("/account");
  // The workload at the chosen retention shows before anything is saved.
  await expect(page.getByTestId("retention-workload")).toContainText(
    /At 90 %: about [\d.]+ reviews a day over the next 30 days/,
  );
  const slider = page.getByLabel("Desired retention (FSRS)");
  await slider.fill("0.95");
  await expect(page.getByTestId("retention-workload")).toContainText("At 95 %");
  await page.getByRole("button", { name: "Save retention" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Desired retention saved: 95 %." })).toBeVisible();

  await page.getByLabel(/^FSRS/).check();
  await page.getByRole("button", { name: "Save scheduler" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Now scheduling with FSRS/ })).toBeVisible();
  await page.getByRole("button", { name: "Save scheduler" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Nothing changed" })).toBeVisible();

  await page.goto("/review");
  await reveal(page);
  const buttons = page.getByTestId("fsrs-ratings").getByRole("button");
  await expect(buttons).toHaveCount(4);
  for (const [i, name] of RATINGS.entries()) {
    const b = buttons.nth(i);
    await expect(b).toContainText(name);
    await expect(b).toHaveAttribute("aria-keyshortcuts", String(i + 1));
    await expect(b.getByTestId("fsrs-interval")).toHaveText(/^\d+ days?$/);
  }
  // Keys 0 and 5 mean nothing under FSRS.
  await page.keyboard.press("5");
  await page.keyboard.press("0");
  await expect(page.getByTestId("review-progress")).toHaveText(/^0 of /);

  await page.keyboard.press("3");
  await expect(page.getByTestId("review-progress")).toHaveText(/^1 of /);
  await expect(page.getByTestId("review-announcement")).toContainText(/Rated Good; next review in \d+ days?\./);
  const failed = await rate(page, "1", 2);
  await expect(page.getByTestId("review-announcement")).toContainText("This card will come back in this session.");
  for (const n of [3, 4, 5]) expect(await rate(page, "4", n)).not.toBe(failed);
  // The failed card is back as a re-drill: no interval on its buttons (the schedule does not change).
  await reveal(page);
  await expect(page.getByTestId("review-card")).toHaveAttribute("data-card-id", failed);
  await expect(buttons.first().getByTestId("fsrs-interval")).toHaveText("same session");
  await page.keyboard.press("3");
  await expect(page.getByTestId("review-announcement")).toContainText("Re-drill rated Good.");
  await page.keyboard.press("u");
  await expect(page.getByTestId("review-announcement")).toContainText("Last grade undone.");
  await expect(page.getByTestId("review-card")).toHaveAttribute("data-card-id", failed);

  // The log kept both scales for every grade.
  const rows = await withPortalDb((db) =>
    db.reviewLog.findMany({ where: { user: { email: student.email } }, orderBy: { reviewedAt: "asc" } }),
  );
  expect(rows.map((r) => [r.rating, r.grade, r.scheduler])).toEqual([
    [3, 4, "fsrs"],
    [1, 1, "fsrs"],
    [4, 5, "fsrs"],
    [4, 5, "fsrs"],
    [4, 5, "fsrs"],
    [3, 4, "fsrs"],
  ]);
  expect(rows.at(-1)!.undoneAt).not.toBeNull();

  await page.goto("/me");
  await expect(page.getByTestId("retention-30")).toHaveText("No reviews of learned cards in the last 30 days yet.");
  await expect(page.getByTestId("simulator-summary")).toContainText(/At 95 %: about [\d.]+ reviews a day/);
  await page.getByTestId("workload-simulator").getByLabel("Retention").selectOption("0.80");
  await expect(page.getByTestId("simulator-summary")).toContainText("At 80 %");

  await page.goto("/review/cards?state=new");
  const cardId = (await page.getByTestId("card-row").first().getAttribute("data-card-id"))!;
  const row = page.locator(`[data-testid=card-row][data-card-id="${cardId}"]`);
  await row.getByRole("button", { name: "Suspend" }).click();
  // No longer new: the refreshed list leaves it out.
  await expect(row).toHaveCount(0);
  await page.goto("/review/cards?state=suspended");
  await expect(page.getByTestId("card-row")).toHaveCount(1);
  await expect(row.getByRole("button", { name: "Unsuspend" })).toBeVisible();
  await page.goto(`/review/cards/${failed}`);
  // Newest first: the undone re-drill, then the Again.
  const items = page.getByTestId("card-history").getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("grade 4 · Good (FSRS)");
  await expect(items.nth(0)).toContainText("re-drill, schedule unchanged");
  await expect(items.nth(0)).toContainText("undone");
  await expect(items.nth(1)).toContainText("grade 1 · Again (FSRS)");
});

for (const locale of ["en", "es"] as const satisfies readonly Locale[]) {
  for (const width of [1280, 390]) {
    test.describe(`the FSRS review page in ${locale} at ${width} px`, () => {
      test.use({ uiLocale: locale, viewport: { width, height: width > 600 ? 800 : 844 } });
      test("four answers with their intervals, keys 1-4", async ({ student }) => {
        const { page } = student;
        await withPortalDb((db) => db.user.update({ where: { email: student.email }, data: { scheduler: "fsrs" } }));
        await page.goto("/review");
        await reveal(page);
        const buttons = page.getByTestId("fsrs-ratings").getByRole("button");
        await expect(buttons).toHaveCount(4);
        for (const [i, name] of RATINGS.entries()) {
          const label = locale === "en" ? name : inSpanish(name, `review.fsrs.rating.${i + 1}`);
          await expect(buttons.nth(i)).toContainText(new RegExp(exactly(label)));
          await expect(buttons.nth(i).getByTestId("fsrs-interval")).toHaveText(
            locale === "en" ? /^\d+ days?$/ : /^\d+ días?$/,
          );
        }
        expect([
          ...(await overflowProblems(page, "/review (FSRS)")),
          ...(await tapTargetProblems(page, "/review (FSRS)")),
          ...(await languageProblems(page, "/review (FSRS)", locale)),
        ]).toEqual([]);
        for (const [n, key] of ["1", "2", "3", "4"].entries()) {
          if (n > 0) await reveal(page);
          await page.keyboard.press(key);
          await expect(page.getByTestId("review-progress")).toHaveText(new RegExp(`^${n + 1} `));
        }
      });
    });
  }
}
