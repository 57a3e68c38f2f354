// Course text as a Spanish-speaking student meets it (issue 25): phases 03-07
// have no Spanish, so their English text is marked lang="en" wherever it shows
// (phase page, exam, dashboard) and each such page says once that some course
// text is only in English; phase 01 is wholly Spanish and says nothing. And code
// that holds backticks (phase 01, question 6, choice a) shows whole.
import { phaseIn } from "./support/course-text";
import { expect, test } from "./support/fixtures";
import { inSpanish } from "./support/i18n";
import { courseLanguageProblems } from "./support/page-language";

test.use({ uiLocale: "es" });

const NOTE = "Parte del texto del curso de esta página solo está disponible en inglés.";

test("English course text on Spanish pages is marked lang=en, and the page says so once", async ({
  studentPage: page,
}) => {
  const traces = phaseIn("03", "es");
  expect(traces.lang, "phase 03 has no Spanish (if it gets some, pick another phase)").toBe("en");

  await page.goto("/phase/03");
  await expect(page.locator("h1 [lang=en]")).toHaveText(traces.title);
  await expect(page.getByTestId("untranslated-note")).toHaveText(NOTE);
  expect(await courseLanguageProblems(page, "/phase/03", "es")).toEqual([]);

  await page.goto("/phase/03/exam");
  // "Examen · Distributed tracing": the Spanish word outside, the English title inside lang="en".
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(`Examen · ${traces.title}`);
  await expect(heading.locator("[lang=en]")).toHaveText(traces.title);
  const first = page.getByRole("group", { name: inSpanish("Question 1"), exact: true });
  await expect(first.locator("[lang=en]").first()).toBeVisible();
  // The interface's own words in the question stay Spanish.
  await expect(first.getByText(inSpanish("Choose one."), { exact: true })).not.toHaveAttribute("lang", "en");
  await expect(page.getByTestId("untranslated-note")).toHaveCount(1);
  expect(await courseLanguageProblems(page, "/phase/03/exam", "es")).toEqual([]);

  await page.goto("/me");
  await expect(page.getByTestId("phase-progress-03").locator("h3")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("phase-progress-01").locator("h3")).not.toHaveAttribute("lang", /./);
  await expect(page.getByTestId("untranslated-note")).toHaveCount(1);
  expect(await courseLanguageProblems(page, "/me", "es")).toEqual([]);

  // Phase 01 is all Spanish: no lang="en" anywhere in its content, and no note.
  await page.goto("/phase/01");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(phaseIn("01", "es").title);
  await expect(page.locator("main [lang=en]")).toHaveCount(0);
  await expect(page.getByTestId("untranslated-note")).toHaveCount(0);
});

test("an exam choice whose code holds backticks shows the code whole", async ({ studentPage: page }) => {
  const code = "log.info(`user ${id} exported ${n} rows`)";
  await page.goto("/phase/01/exam");
  const question = page.getByRole("group", { name: inSpanish("Question 6"), exact: true });
  await expect(question.getByLabel(code, { exact: true })).toBeVisible();
  await expect(question.locator("code").first()).toHaveText(code);
});
