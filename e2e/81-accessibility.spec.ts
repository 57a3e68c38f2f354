// axe-core on every page, for both roles and anonymous visitors, in light and
// dark mode, and in the states that matter: a revealed card, an exam with
// unanswered questions, forms with errors, the journal's conflict view.
// Zero serious or critical violations is the bar. All of it in English and again
// in Spanish (a browser asking for es), whose longer strings must fit as well.
import { expectNoSeriousViolations } from "./support/axe";
import { test } from "./support/fixtures";
import { LOCALES, type Locale } from "./support/i18n";
import { walkKeyStates } from "./support/key-states";
import { buildTour, type Tour, tourPage } from "./support/tour";

let tour: Tour;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  tour = await buildTour(browser);
});

function accessibilityIn(locale: Locale) {
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
      await walkKeyStates({
        locale,
        anonymous: await tourPage(newContext, tour, "anonymous", { colorScheme }),
        student: await tourPage(newContext, tour, "student", { colorScheme }),
        notesPhase: "03",
        check: (page, what) => expectNoSeriousViolations(page, `${what}${where}`),
      });
    });
  }
}

// English keeps its test titles; Spanish runs the same tests under "in es".
for (const locale of LOCALES) {
  if (locale === "en") test.describe(() => accessibilityIn(locale));
  else test.describe(`in ${locale}`, () => accessibilityIn(locale));
}
