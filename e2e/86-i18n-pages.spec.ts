// Every page in both languages (issue 17): for each role and each locale the
// browser can ask for, <html lang> says which, no message is missing (the marker
// lib/i18n/missing.ts shows under MINIPORTAL_TEST_ROUTES), and a Spanish page
// shows no English interface text, which is how a string left hard-coded shows up.
// The pages are the tour's (e2e/support/tour.ts), plus the states that only appear
// after an action: form errors, a revealed card, the journal's conflict view.
import type { Page } from "@playwright/test";
import { phaseIn } from "./support/course-text";
import { expect, test } from "./support/fixtures";
import { LOCALES, uiText } from "./support/i18n";
import { languageProblems } from "./support/page-language";
import { buildTour, type Tour, tourPage } from "./support/tour";

let tour: Tour;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  tour = await buildTour(browser);
});

/** The journal's "Saved at <time> · version n", in any language: the time has seconds. */
const SAVED_AT = /\d:\d\d:\d\d/;

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

for (const locale of LOCALES) {
  test.describe(`in ${locale}`, () => {
    test.use({ uiLocale: locale });

    for (const role of ["anonymous", "student", "admin"] as const) {
      test(`every ${role} page is in ${locale}, with no missing message`, async ({ newContext }) => {
        test.setTimeout(180_000);
        const page = await tourPage(newContext, tour, role);
        const problems: string[] = [];
        for (const path of tour[role]) {
          await visit(page, path);
          problems.push(...(await languageProblems(page, `${path} (${role})`, locale)));
        }
        expect(problems, `pages of ${role} in ${locale}`).toEqual([]);
      });
    }

    test(`states after an action are in ${locale}, with no missing message`, async ({ newContext }) => {
      test.setTimeout(180_000);
      const say = (english: string, path?: string) => uiText(locale, english, path);
      const problems: string[] = [];
      const check = async (page: Page, what: string) => problems.push(...(await languageProblems(page, what, locale)));

      // Sign-in form with errors (zod messages from the validation catalogue).
      const anon = await tourPage(newContext, tour, "anonymous");
      await visit(anon, "/login");
      await anon.getByRole("button", { name: say("Sign in", "auth.login.submit") }).click();
      await expect(anon.getByText(say("Please correct the highlighted fields."))).toBeVisible();
      await check(anon, "/login with errors");

      const page = await tourPage(newContext, tour, "student");
      // A revealed flashcard.
      await visit(page, "/review");
      await page.getByRole("button", { name: say("Show answer") }).click();
      await expect(page.getByTestId("review-back")).toBeVisible();
      await check(page, "/review with the answer shown");
      // An exam submitted with unanswered questions.
      await visit(page, "/phase/02/exam");
      await page.getByRole("button", { name: say("Submit answers") }).click();
      const unanswered = phaseIn("02", locale).questions.length;
      await expect(page.getByText(say(`Answer every question first (${unanswered} left).`))).toBeVisible();
      await check(page, "/phase/02/exam with errors");
      // The change-password form with errors.
      await visit(page, "/account");
      await page.getByRole("button", { name: say("Change password") }).click();
      await expect(page.getByText(say("Enter your current password."))).toBeVisible();
      await check(page, "/account with errors");
      // The journal's conflict view: another tab saves first.
      await visit(page, "/phase/04/notes");
      const other = await page.context().newPage();
      await visit(other, "/phase/04/notes");
      await other.getByLabel(say("Journal text (markdown)")).fill("saved in the other tab");
      await other.getByRole("button", { name: say("Save"), exact: true }).click();
      await expect(other.getByTestId("save-status")).toContainText(SAVED_AT);
      await page.getByLabel(say("Journal text (markdown)")).fill("typed in this tab");
      await page.getByRole("button", { name: say("Save"), exact: true }).click();
      await expect(page.getByRole("heading", { name: say("This note changed somewhere else") })).toBeVisible();
      await check(page, "the journal conflict view");

      expect(problems, `states in ${locale}`).toEqual([]);
    });
  });
}
