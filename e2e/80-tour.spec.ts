// One walk through every page, per language and role (the tour: e2e/support/tour.ts),
// and through the states that only appear after an action (a form with errors, a
// revealed card, an exam with unanswered questions, the journal's conflict view).
// Each page is loaded once and looked at four ways:
//  - its language: <html lang>, no missing message (the marker lib/i18n/missing.ts
//    shows under MINIPORTAL_TEST_ROUTES), no English interface text on a Spanish page,
//    English course text (untranslated items) only inside lang="en" and then one note
//    saying so (e2e/support/page-language.ts#courseLanguageProblems);
//  - axe-core in light mode, and its colour rules again in dark mode (nothing else
//    changes with the scheme; in Spanish only, see DARK_COLOURS_IN): no serious or
//    critical violation;
//  - at 1280 px and at phone width (390 px): no content cut off inside its box
//    (e2e/support/overflow.ts); at phone width also nothing scrolls sideways and every
//    target is big enough to tap (e2e/support/tap-targets.ts).
// Every problem of a walk is collected, so one run names them all.
import type { Page } from "@playwright/test";
import { COLOUR_RULES, seriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { LOCALES, type Locale } from "./support/i18n";
import { visit, walkKeyStates } from "./support/key-states";
import { overflowProblems, sidewaysScroll } from "./support/overflow";
import { languageProblems } from "./support/page-language";
import { tapTargetProblems } from "./support/tap-targets";
import { tourPage } from "./support/tour";
import { limit } from "./support/time-limits";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * Colour and layout changes apply at once (CSS media queries); let transitions finish before looking.
 * Only finite ones: a looping animation (a spinner, a pulse) never finishes and would hang the walk.
 * The cap is a last guard for an animation paused off screen; a colour change takes 150 ms.
 */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]),
  );
}

/**
 * The dark scheme's colours are checked in Spanish only: the colours are the same in both
 * languages, and the Spanish pages hold every element the English ones do plus the note on
 * untranslated course text. One axe run per page fewer (about a second each).
 */
const DARK_COLOURS_IN: Locale = "es";

/** Language, axe in light (and dark in one language), overflow; with `phone`, the width and tap targets too. The page is left as it was found. */
async function lookAt(page: Page, what: string, locale: Locale, phone: boolean): Promise<string[]> {
  await settled(page); // a button fading in after a save is not its final colour yet
  const problems = await languageProblems(page, what, locale);
  problems.push(...(await seriousViolations(page, `${what}, light`)));
  if (locale === DARK_COLOURS_IN) {
    await page.emulateMedia({ colorScheme: "dark" });
    await settled(page);
    problems.push(...(await seriousViolations(page, `${what}, dark`, COLOUR_RULES)));
    await page.emulateMedia({ colorScheme: "light" });
  }
  problems.push(...(await overflowProblems(page, `${what}, at ${DESKTOP.width} px`)));
  if (phone) {
    await page.setViewportSize(PHONE);
    await settled(page);
    problems.push(...(await sidewaysScroll(page, `${what}, at ${PHONE.width} px`)));
    problems.push(...(await overflowProblems(page, `${what}, at ${PHONE.width} px`)));
    problems.push(...(await tapTargetProblems(page, `${what}, at ${PHONE.width} px`)));
    await page.setViewportSize(DESKTOP);
  }
  return problems;
}

/** Part `part` (from 1) of `parts` nearly equal runs of a role's pages, in order. */
function partOf(paths: string[], part: number, parts: number): string[] {
  const size = Math.ceil(paths.length / parts);
  return paths.slice((part - 1) * size, part * size);
}

// The walks spread over the workers (each slot builds its own tour).
test.describe.configure({ mode: "parallel" });

for (const locale of LOCALES) {
  test.describe(`in ${locale}`, () => {
    test.use({ uiLocale: locale, viewport: DESKTOP, colorScheme: "light" });

    // The student's and the admin's pages in two halves: the eleven admin pages took 112 s in
    // one walk beside the other specs and ran out of 180 s under CI's load; halves also spread
    // over the workers. The anonymous pages are few and one walk (a walk costs ~15 s to start).
    const walks = [
      { role: "anonymous", part: 1, parts: 1 },
      ...(["student", "admin"] as const).flatMap((role) => [1, 2].map((part) => ({ role, part, parts: 2 }))),
    ] as const;
    for (const { role, part, parts } of walks) {
      const name = parts === 1 ? `every ${role} page` : `every ${role} page (part ${part} of ${parts})`;
      test(`${name}: in ${locale}, no missing message, axe, fits 390 px`, async ({ newContext, tour }) => {
        const paths = partOf(tour[role], part, parts);
        expect(paths.length, `${name}: pages to walk`).toBeGreaterThan(0);
        test.setTimeout(limit(180_000));
        const page = await tourPage(newContext, tour, role, { viewport: DESKTOP });
        const problems: string[] = [];
        for (const path of paths) {
          await visit(page, path);
          problems.push(...(await lookAt(page, `${path} (${role})`, locale, true)));
        }
        expect(problems, `${name} in ${locale}`).toEqual([]);
      });
    }

    test(`states after an action: in ${locale}, no missing message, axe`, async ({ newContext, tour }) => {
      test.setTimeout(limit(180_000));
      const problems: string[] = [];
      await walkKeyStates({
        locale,
        anonymous: await tourPage(newContext, tour, "anonymous", { viewport: DESKTOP }),
        student: await tourPage(newContext, tour, "student", { viewport: DESKTOP }),
        notesPhase: locale === "en" ? "03" : "04",
        check: async (page, what) => {
          problems.push(...(await lookAt(page, what, locale, false)));
        },
      });
      expect(problems, `states in ${locale}`).toEqual([]);
    });
  });
}
