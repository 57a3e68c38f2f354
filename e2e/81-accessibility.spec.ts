// axe-core on every page, for both roles and anonymous visitors, in light and
// dark mode, and in the states that matter: a revealed card, an exam with
// unanswered questions, forms with errors, the journal's conflict view.
// Zero serious or critical violations is the bar. All of it in English and again
// in Spanish (a browser asking for es), whose longer strings must fit as well.
import { expectNoSeriousViolations } from "./support/axe";
import { phaseIn } from "./support/course-text";
import { expect, test } from "./support/fixtures";
import { LOCALES, type Locale, uiText } from "./support/i18n";
import { buildTour, type Tour, tourPage } from "./support/tour";

let tour: Tour;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  tour = await buildTour(browser);
});

/** The journal's "Saved at <time> · version n", in any language: the time has seconds. */
const SAVED_AT = /\d:\d\d:\d\d/;

function accessibilityIn(locale: Locale) {
  const say = (english: string, path?: string) => uiText(locale, english, path);
  const where = locale === "en" ? "" : `, ${locale}`;
  test.use({ uiLocale: locale });

  for (const colorScheme of ["light", "dark"] as const) {
    for (const role of ["anonymous", "student", "admin"] as const) {
      test(`every ${role} page passes axe in ${colorScheme} mode`, async ({ newContext }) => {
        test.setTimeout(180_000);
        const page = await tourPage(newContext, tour, role, { colorScheme });
        for (const path of tour[role]) {
          await page.goto(path);
          await page.waitForLoadState("networkidle");
          await expectNoSeriousViolations(page, `${path} (${role}, ${colorScheme}${where})`);
        }
      });
    }

    test(`key states pass axe in ${colorScheme} mode`, async ({ newContext }) => {
      test.setTimeout(180_000);
      const anon = await tourPage(newContext, tour, "anonymous", { colorScheme });
      // Sign-in form with errors.
      await anon.goto("/login");
      await anon.getByRole("button", { name: say("Sign in", "auth.login.submit") }).click();
      await expect(anon.getByText(say("Please correct the highlighted fields."))).toBeVisible();
      await expectNoSeriousViolations(anon, `/login with errors${where}`);

      const page = await tourPage(newContext, tour, "student", { colorScheme });
      // A revealed flashcard.
      await page.goto("/review");
      await page.getByRole("button", { name: say("Show answer") }).click();
      await expect(page.getByTestId("review-back")).toBeVisible();
      await expectNoSeriousViolations(page, `/review with the answer shown${where}`);
      // An exam submitted with unanswered questions.
      await page.goto("/phase/02/exam");
      await page.getByRole("button", { name: say("Submit answers") }).click();
      const unanswered = phaseIn("02", locale).questions.length;
      await expect(page.getByText(say(`Answer every question first (${unanswered} left).`))).toBeVisible();
      await expectNoSeriousViolations(page, `/phase/02/exam with errors${where}`);
      // The change-password form with errors.
      await page.goto("/account");
      await page.getByRole("button", { name: say("Change password") }).click();
      await expect(page.getByText(say("Enter your current password."))).toBeVisible();
      await expectNoSeriousViolations(page, `/account with errors${where}`);
      // The journal's conflict view: another tab saves first.
      await page.goto("/phase/03/notes");
      const other = await page.context().newPage();
      await other.goto("/phase/03/notes");
      await other.getByLabel(say("Journal text (markdown)")).fill("saved in the other tab");
      await other.getByRole("button", { name: say("Save"), exact: true }).click();
      await expect(other.getByTestId("save-status")).toContainText(SAVED_AT);
      await page.getByLabel(say("Journal text (markdown)")).fill("typed in this tab");
      await page.getByRole("button", { name: say("Save"), exact: true }).click();
      await expect(page.getByRole("heading", { name: say("This note changed somewhere else") })).toBeVisible();
      await expectNoSeriousViolations(page, `the journal conflict view${where}`);
    });
  }
}

// English keeps its test titles; Spanish runs the same tests under "in es".
for (const locale of LOCALES) {
  if (locale === "en") test.describe(() => accessibilityIn(locale));
  else test.describe(`in ${locale}`, () => accessibilityIn(locale));
}
