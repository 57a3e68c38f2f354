// Issue 14, item 6: a first review day a person can face. A daily limit of new
// cards (default 20, changed on /account), and course markdown rendered in the
// card list, exam prompts and explanations; the export's exams file in words.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";
import { parse } from "yaml";
import { signInNewStudent, signInAsAdmin } from "./support/accounts";
import { shownText } from "./support/course-text";
import { limit } from "./support/time-limits";

type ExamFile = {
  questions: { prompt: string; explanation?: string; choices: { text: string; correct?: boolean }[] }[];
};
const exam = parse(readFileSync("content/phases/01-logs/exam.yaml", "utf8")) as ExamFile;
const dueToday = (page: Page) => page.getByText("Due today", { exact: true }).locator("xpath=following-sibling::p[1]");

async function gradeFive(page: Page, reviewedAfter: number) {
  // Space reveals once the page has hydrated (its key handler attached); on a busy
  // machine the first press can come before that. Pressing again once revealed does nothing.
  await expect(async () => {
    await page.keyboard.press("Space");
    await expect(page.getByTestId("review-back")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: limit(20_000) });
  await page.keyboard.press("5");
  await expect(page.getByTestId("review-progress")).toHaveText(new RegExp(`^${reviewedAfter} of `));
}

test("a new student meets 20 new cards, lowers the limit on /account, and the review day follows it", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const { page, context } = await signInNewStudent(await browser.newContext(), "Paced Learner");
  await expect(dueToday(page)).toHaveText("20");

  await page.goto("/review");
  await expect(page.getByTestId("review-progress")).toHaveText(/^0 of 20 reviewed/);
  const limit = page.getByTestId("new-card-limit");
  await expect(limit).toContainText(/\d+ new cards wait for another day: you take up to 20 new cards a day/);
  await limit.getByRole("link", { name: "Change the limit" }).click();
  await expect(page).toHaveURL(/\/account$/);

  const field = page.getByLabel("New cards per day");
  await expect(field).toHaveValue("20");
  // Refusals in plain words, and the typed value kept.
  await field.fill("");
  await page.getByRole("button", { name: "Save limit" }).click();
  await expect(page.getByText("Enter a number.")).toBeVisible();
  await field.fill("501");
  await page.getByRole("button", { name: "Save limit" }).click();
  await expect(page.getByText("Use at most 500.")).toBeVisible();
  await expect(field).toHaveValue("501");
  await field.fill("3");
  await page.getByRole("button", { name: "Save limit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: up to 3 new cards a day." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("New cards per day")).toHaveValue("3");

  await page.goto("/review");
  await expect(page.getByTestId("review-progress")).toHaveText(/^0 of 3 reviewed/);
  await gradeFive(page, 1);
  // One of today's three is used: a reload brings the other two, no more.
  await page.reload();
  await expect(page.getByTestId("review-progress")).toHaveText(/^0 of 2 reviewed/);
  await expect(page.getByTestId("new-card-limit")).toContainText("(1 so far today)");
  await gradeFive(page, 1);
  await gradeFive(page, 2);
  await expect(page.getByTestId("review-empty")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("review-empty")).toBeVisible();
  await page.goto("/me");
  await expect(dueToday(page)).toHaveText("0");
  await context.close();
});

test("course markdown is rendered in the card list, exam prompts and explanations; the export names answers in words", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const { page, context } = await signInNewStudent(await browser.newContext(), "Markdown Reader");

  // The card list of a phase: inline code, no raw backticks.
  await page.goto("/phase/02");
  const code = page.getByText("rate(http_requests_total[5m])", { exact: true });
  await expect(code).toHaveJSProperty("tagName", "CODE");
  const rateCard = code.locator("xpath=ancestor::li[1]");
  await expect(rateCard).toHaveText("What does rate(http_requests_total[5m]) return?");

  // The exam sheet: prompts with inline code.
  await page.goto("/phase/02/exam");
  await expect(page.getByRole("main").locator("code", { hasText: "http_requests_total" }).first()).toBeVisible();

  // An attempt at phase 01 (first choice everywhere), then its explanations.
  await page.goto("/phase/01/exam");
  for (const [i, q] of exam.questions.entries())
    await page
      .getByRole("group", { name: `Question ${i + 1}`, exact: true })
      .getByLabel(shownText(q.choices[0]!.text), { exact: true })
      .check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page).toHaveURL(/\/phase\/01\/exam\/[0-9a-f-]{36}$/);
  const index = exam.questions.findIndex((q) => q.explanation?.includes("`warn`"));
  expect(index).toBeGreaterThanOrEqual(0);
  const explanation = page.getByTestId("result-question").nth(index).getByTestId("result-explanation");
  await expect(explanation.locator("code").first()).toHaveText("warn");
  await expect(explanation).not.toContainText("`");

  // The export's exams file: questions and chosen answers in words.
  const exported = await page.request.get("/me/export");
  expect(exported.status()).toBe(200);
  const zip = test.info().outputPath("export.zip");
  writeFileSync(zip, await exported.body());
  const exams = JSON.parse(execFileSync("unzip", ["-p", zip, "exams.json"], { encoding: "utf8" })) as {
    answers: { question: string; yourAnswers: string[]; correctAnswers: string[]; correct: boolean }[];
  }[];
  expect(exams).toHaveLength(1);
  expect(exams[0]!.answers).toHaveLength(exam.questions.length);
  const first = exam.questions[0]!;
  expect(exams[0]!.answers[0]).toMatchObject({
    question: first.prompt,
    yourAnswers: [first.choices[0]!.text],
    correctAnswers: first.choices.filter((c) => c.correct).map((c) => c.text),
  });
  await context.close();
});
