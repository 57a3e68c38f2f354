// The states that only appear after an action (a form with errors, a revealed
// card, an exam with unanswered questions, the journal's conflict view), walked
// in one language; `check` looks at each (axe in 81, the page's language in 86).
import { type Page, expect } from "@playwright/test";
import { phaseIn } from "./course-text";
import { type Locale, uiText } from "./i18n";
import { JOURNAL_LABEL, noteEditor } from "./note-editor";

/** The journal's "Saved at <time> · version n", in any language: the time has seconds. */
export const SAVED_AT = /\d:\d\d:\d\d/;

export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
}

type Options = {
  locale: Locale;
  anonymous: Page;
  student: Page;
  /** The phase whose journal the conflict is staged in (specs use different ones). */
  notesPhase: string;
  check: (page: Page, what: string) => Promise<void>;
};

export async function walkKeyStates({ locale, anonymous, student: page, notesPhase, check }: Options): Promise<void> {
  const say = (english: string, path?: string) => uiText(locale, english, path);
  // Sign-in form with errors (zod messages from the validation catalogue).
  await visit(anonymous, "/login");
  await anonymous.getByRole("button", { name: say("Sign in", "auth.login.submit") }).click();
  await expect(anonymous.getByText(say("Please correct the highlighted fields."))).toBeVisible();
  await check(anonymous, "/login with errors");
  // A revealed flashcard.
  await visit(page, "/review");
  await page.getByRole("button", { name: say("Show answer") }).click();
  await expect(page.getByTestId("review-back")).toBeVisible();
  await check(page, "/review with the answer shown");
  // A grade below 4 makes a re-drill: /review and the dashboard still say the same due count.
  await page.keyboard.press("1");
  await expect(page.getByTestId("review-progress")).toHaveText(/^1 /);
  await visit(page, "/review");
  const due = await page.getByTestId("due-summary").innerText();
  await visit(page, "/me");
  await expect(page.getByTestId("due-summary"), "the due count on /me and /review").toHaveText(due);
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
  const notes = `/phase/${notesPhase}/notes`;
  await visit(page, notes);
  const other = await page.context().newPage();
  await visit(other, notes);
  await noteEditor(other, say(JOURNAL_LABEL)).fill("saved in the other tab");
  await other.getByRole("button", { name: say("Save"), exact: true }).click();
  await expect(other.getByTestId("save-status")).toContainText(SAVED_AT);
  await noteEditor(page, say(JOURNAL_LABEL)).fill("typed in this tab");
  await page.getByRole("button", { name: say("Save"), exact: true }).click();
  await expect(page.getByRole("heading", { name: say("This note changed somewhere else") })).toBeVisible();
  // The view settles (its buttons enabled) before axe looks: a dimmed busy button has too little contrast.
  await expect(page.getByRole("button", { name: say("Keep mine") })).toBeEnabled();
  await check(page, "the journal conflict view");
}
