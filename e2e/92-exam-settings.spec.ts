// A timed, shuffled exam with two attempts, end to end. The admin sets it on
// /admin/exams (English, desktop); a student takes it in Spanish on a phone: the
// rules and a Start button, a countdown, the same order after a reload, time
// running out (the browser's clock fast-forwarded) submits what is answered, the
// correct answers stay out of the page (HTML and RSC payload) until the last
// attempt, the second attempt comes in another order and is graded by id, and a
// third is refused. Finally the admin puts the course files' settings back.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "yaml";
import { signInNewStudent } from "./support/accounts";
import { seriousViolations } from "./support/axe";
import { shownText } from "./support/course-text";
import { expect, test } from "./support/fixtures";
import { BROWSER_LOCALE, inSpanish as say } from "./support/i18n";
import { languageProblems } from "./support/page-language";
import { limit } from "./support/time-limits";

type ExamFile = {
  questions: { prompt: string; explanation?: string; choices: { text: string; correct?: boolean }[] }[];
};
const exam = parse(readFileSync("content/phases/05-security/exam.yaml", "utf8")) as ExamFile;
const PHONE = { width: 390, height: 844 };

test.use({ uiLocale: "en", viewport: { width: 1280, height: 800 } });

/** Language, axe and width of the page as it is now: every problem, so one run names them all. */
async function problemsOf(page: Page, what: string): Promise<string[]> {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  return [
    ...(await languageProblems(page, what, "es")),
    ...(await seriousViolations(page, what)),
    ...(wide ? [`${what}: scrolls sideways at 390 px`] : []),
  ];
}

/** The sheet as shown: each question with its choices, in order. */
const order = (page: Page) => page.locator("form fieldset").allInnerTexts();

test("a timed, shuffled exam with two attempts: countdown, time up, hidden answers, refusal", async ({
  adminPage: admin,
  newContext,
}) => {
  test.setTimeout(limit(120_000));
  await admin.goto("/admin/exams");
  const settings = admin.getByTestId("exam-settings-05");
  await settings.getByLabel("Attempts allowed").fill("2");
  await settings.getByLabel("Time limit (minutes)").fill("1");
  await settings.getByLabel("Shuffle the questions").check();
  await settings.getByLabel("Shuffle the choices").check();
  await settings.getByLabel("Show correct answers").selectOption("after-last-attempt");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByRole("status").first()).toContainText("Saved.");

  const student = await signInNewStudent(
    await newContext({ locale: BROWSER_LOCALE.es, viewport: PHONE }),
    "Timed Student",
  );
  const page = student.page;
  await page.clock.install(); // the countdown runs on the browser's clock: fast-forwarded below
  const problems: string[] = [];

  // The rules, and a Start button: opening the page spends nothing.
  await page.goto("/phase/05/exam");
  await expect(page.getByTestId("exam-rules")).toContainText(say("0 of 2 used"));
  problems.push(...(await problemsOf(page, "exam before the start")));
  await page.getByRole("button", { name: say("Start attempt 1") }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  const first = await order(page);
  expect(first).toHaveLength(exam.questions.length);
  await page.reload();
  expect(await order(page), "a reload shows the attempt in the same order").toEqual(first);
  await page.locator("form fieldset").first().locator("input").first().check();
  problems.push(...(await problemsOf(page, "timed sheet")));

  // Time runs out: what is answered goes in.
  await page.clock.fastForward(61_000);
  await expect(page).toHaveURL(/\/phase\/05\/exam\/[0-9a-f-]{36}$/, { timeout: limit(15_000) });
  await expect(page.getByTestId("answers-hidden")).toContainText(
    say("The correct answers are shown once you have used your last attempt."),
  );
  problems.push(...(await problemsOf(page, "result with the answers held back")));
  const html = await (await page.request.get(page.url())).text();
  for (const q of exam.questions) if (q.explanation) expect(html).not.toContain(q.explanation.slice(0, 60));
  expect(html).not.toMatch(/\\?"correct\\?":true/);

  // The second (last) attempt: another order, every answer right by its text, wherever it is.
  await page.goto("/phase/05/exam");
  await expect(page.getByTestId("exam-rules")).toContainText(say("1 of 2 used"));
  await page.getByRole("button", { name: say("Start attempt 2") }).click();
  await expect(page.getByRole("timer")).toBeVisible();
  expect(await order(page), "another attempt, another order").not.toEqual(first);
  for (const q of exam.questions) {
    const group = page.locator("form fieldset").filter({ hasText: shownText(q.prompt) });
    for (const c of q.choices.filter((c) => c.correct))
      await group.getByLabel(shownText(c.text), { exact: true }).check();
  }
  await page.getByRole("button", { name: say("Submit answers") }).click();
  await expect(page).toHaveURL(/\/phase\/05\/exam\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("exam-result")).toContainText(say("Passed"));
  await expect(page.getByTestId("answers-hidden")).toHaveCount(0);
  await expect(page.getByTestId("result-explanation").first()).toBeVisible();

  // No third attempt.
  await page.goto("/phase/05/exam");
  await expect(page.getByText(say("You have used every attempt this exam allows.")).first()).toBeVisible();
  await expect(page.getByRole("button", { name: say("Start attempt 3") })).toHaveCount(0);
  expect(problems).toEqual([]);

  // The course files' settings again (audited like the change).
  await admin.reload();
  await settings.getByRole("button", { name: "Use the course files' settings" }).click();
  await expect(admin.getByText("The course files' settings apply again.")).toBeVisible();
  await expect(settings.getByText("as in the course files")).toBeVisible();
});
