// Every page in both languages (issue 17): for each role and each locale the
// browser can ask for, <html lang> says which, no message is missing (the marker
// lib/i18n/missing.ts shows under MINIPORTAL_TEST_ROUTES), and a Spanish page
// shows no English interface text, which is how a string left hard-coded shows up.
// The pages are the tour's (e2e/support/tour.ts), plus the states that only appear
// after an action: form errors, a revealed card, the journal's conflict view.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { LOCALES } from "./support/i18n";
import { visit, walkKeyStates } from "./support/key-states";
import { languageProblems } from "./support/page-language";
import { buildTour, type Tour, tourPage } from "./support/tour";

let tour: Tour;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  tour = await buildTour(browser);
});

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
      const problems: string[] = [];
      const check = async (page: Page, what: string) => {
        problems.push(...(await languageProblems(page, what, locale)));
      };

      await walkKeyStates({
        locale,
        anonymous: await tourPage(newContext, tour, "anonymous"),
        student: await tourPage(newContext, tour, "student"),
        notesPhase: "04",
        check,
      });

      expect(problems, `states in ${locale}`).toEqual([]);
    });
  });
}
