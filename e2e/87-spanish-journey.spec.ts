// A student whose browser speaks Spanish (issue 17): redeems an invite, reads
// phase 1 in Spanish, writes and saves a journal note, reviews cards, takes and
// submits an exam and sees the result, then finds it on the dashboard. Every
// control is found by its role and Spanish name, inSpanish("<today's English>"),
// so the journey passes only if the Spanish interface works end to end; and each
// step's page is checked for missing messages and leftover English.
import type { Page } from "@playwright/test";
import { inviteStudent, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { phaseIn, shownText } from "./support/course-text";
import { expect, test } from "./support/fixtures";
import { BROWSER_LOCALE, exactly, inSpanish } from "./support/i18n";
import { JOURNAL_LABEL, expectNoteText, noteEditor } from "./support/note-editor";
import { languageProblems } from "./support/page-language";
import { limit } from "./support/time-limits";

/** The journal's "Saved at <time> · version n", in any language: the time has seconds. */
const SAVED_AT = /\d:\d\d:\d\d/;

async function expectSpanish(page: Page, what: string): Promise<void> {
  expect.soft(await languageProblems(page, what, "es"), `${what} in Spanish`).toEqual([]);
}

test("a Spanish-speaking student redeems an invite, writes a note, reviews and passes an exam, in Spanish", async ({
  adminPage: admin,
  newContext,
}) => {
  test.setTimeout(limit(180_000));
  const phase = phaseIn("01", "es");
  // Phase 1 ships in Spanish (content/phases/01-logs/*.es.*); until it does, the
  // journey goes on with English course text and fails here at the end.
  expect
    .soft(phase.files, "content/phases/01-logs has phase.es.md, cards.es.yaml and exam.es.yaml")
    .toEqual({ phase: true, cards: true, exam: true });

  // The admin (in English) invites; the student's browser asks for Spanish.
  const name = "Ana García";
  const url = await inviteStudent(admin, name, uniqueEmail("spanish"));
  const context = await newContext({ locale: BROWSER_LOCALE.es });
  const page = await context.newPage();

  // Redeem the invite.
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { name: inSpanish(`Welcome, ${name}`) })).toBeVisible();
  await expectSpanish(page, "the invite page");
  await page.getByLabel(inSpanish("Choose a password")).fill(STUDENT_PASSWORD);
  await page.getByLabel(inSpanish("Repeat the password")).fill(STUDENT_PASSWORD);
  await page.getByRole("button", { name: inSpanish("Create my account") }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("heading", { name: inSpanish(`Hello, ${name}`) })).toBeVisible();
  await expectSpanish(page, "/me, new");

  // Phase 1 in Spanish: its title, summary and flashcards.
  await page.goto("/phase/01");
  await expect(page.getByRole("heading", { name: phase.title, exact: true })).toBeVisible();
  await expect(page.getByText(phase.summary, { exact: true })).toBeVisible();
  await expect(page.getByText(shownText(phase.cards[0]!.front), { exact: true })).toBeVisible();
  await expectSpanish(page, "/phase/01");

  // A journal note, saved and still there after a reload.
  await page.goto("/phase/01/notes");
  const editor = noteEditor(page, inSpanish(JOURNAL_LABEL));
  const status = page.getByTestId("save-status");
  await expect(status).toHaveText(inSpanish("Not saved yet"));
  const note = "# Mis notas\n\nUn registro estructurado guarda cada evento como campos con nombre.\n";
  await editor.fill(note);
  await expect(page.getByTestId("note-preview").getByRole("heading", { name: "Mis notas" })).toBeVisible();
  await expect(status).toHaveText(inSpanish("Unsaved changes"));
  await page.getByRole("button", { name: inSpanish("Save"), exact: true }).click();
  await expect(status).toContainText(SAVED_AT);
  await expectSpanish(page, "/phase/01/notes, saved");
  await page.reload();
  await expectNoteText(editor, note);

  // Review: from the phase page, show the answer, grade two cards.
  await page.goto("/phase/01");
  await page.getByRole("link", { name: inSpanish("Review cards") }).click();
  await expect(page).toHaveURL(/\/review\?phase=01$/);
  await expect(page.getByRole("heading", { name: inSpanish(`Review · ${phase.title}`) })).toBeVisible();
  const fronts = phase.cards.map((c) => shownText(c.front));
  const backs = phase.cards.map((c) => shownText(c.back));
  const progress = page.getByRole("progressbar", { name: inSpanish("Session progress") });
  for (const [done, grade] of [
    [1, "Easy"],
    [2, "Good"],
  ] as const) {
    expect(fronts).toContain((await page.getByTestId("review-front").innerText()).trim());
    await page.getByRole("button", { name: inSpanish("Show answer") }).click();
    await expect(page.getByTestId("review-back")).toBeVisible();
    expect(backs).toContain((await page.getByTestId("review-back").innerText()).trim());
    await expect(page.getByRole("group", { name: inSpanish("How well did you recall it?") })).toBeVisible();
    if (done === 1) await expectSpanish(page, "/review with the answer shown");
    const value = grade === "Easy" ? 5 : 4;
    await page.getByRole("button", { name: new RegExp(`^${value}\\s*${exactly(inSpanish(grade))}$`) }).click();
    await expect(progress).toHaveAttribute("aria-valuenow", String(done));
  }
  await expect(page.getByRole("button", { name: inSpanish("Undo last grade") })).toBeEnabled();

  // The exam: from the phase page; submitting empty asks for every answer; then all right.
  await page.goto("/phase/01");
  await page.getByRole("link", { name: inSpanish("Take the exam") }).click();
  await expect(page).toHaveURL(/\/phase\/01\/exam$/);
  await expect(page.getByRole("heading", { name: inSpanish(`Exam · ${phase.title}`) })).toBeVisible();
  const total = phase.questions.length;
  await page.getByRole("button", { name: inSpanish("Submit answers") }).click();
  await expect(page.getByText(inSpanish(`Answer every question first (${total} left).`))).toBeVisible();
  await expectSpanish(page, "/phase/01/exam with errors");
  for (const [i, q] of phase.questions.entries()) {
    const group = page.getByRole("group", { name: inSpanish(`Question ${i + 1}`), exact: true });
    await expect(group).toContainText(shownText(q.prompt));
    for (const c of q.choices.filter((c) => c.correct))
      await group.getByLabel(shownText(c.text), { exact: true }).check();
  }
  await expect(page.getByTestId("exam-answered")).toHaveText(inSpanish(`${total} of ${total} answered`));
  await page.getByRole("button", { name: inSpanish("Submit answers") }).click();

  // The result.
  await expect(page).toHaveURL(/\/phase\/01\/exam\/[0-9a-f-]{36}$/);
  const result = page.getByTestId("exam-result");
  await expect(result).toContainText(/100\s?%/);
  await expect(result.getByText(inSpanish("Passed"), { exact: true })).toBeVisible();
  const questions = page.getByTestId("result-question");
  await expect(questions).toHaveCount(total);
  await expect(questions.first().getByText(inSpanish("correct"), { exact: true })).toBeVisible();
  await expect(questions.first()).toContainText(shownText(phase.questions[0]!.prompt));
  await expectSpanish(page, "the exam result");

  // The dashboard has the score.
  await page
    .getByRole("link", { name: inSpanish("Dashboard") })
    .first()
    .click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByTestId("phase-progress-01").getByTestId("best-score")).toContainText(/100\s?%/);
  await expectSpanish(page, "/me after the exam");
});
