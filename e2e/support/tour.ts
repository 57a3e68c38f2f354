// Every page of the portal with real content behind it, for the phone-width
// and accessibility specs: a student with a journal entry (a wide code block)
// and an exam attempt, and the pages each role and an anonymous visitor see.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, expect } from "@playwright/test";
import { parse } from "yaml";
import { inviteStudent, signInAsAdmin, signInNewStudent, STUDENT_PASSWORD, uniqueEmail } from "./accounts";
import { shownText } from "./course-text";
import type { NewContext } from "./fixtures";
import { BROWSER_LOCALE } from "./i18n";
import { seedAccount, signInContext, withPortalDb } from "./seed";
import { E2E_DIR } from "./server-config";

const TOUR_FILE = path.join(E2E_DIR, "tour.json");

type ExamFile = { questions: { choices: { text: string; correct?: boolean }[] }[] };

export type Tour = {
  anonymous: string[];
  student: string[];
  admin: string[];
  studentLogin: { email: string; password: string };
};

/** The tour student's name, as the header's account link shows it. */
export const TOUR_STUDENT_NAME = "Tour Student";

const WIDE_NOTE =
  "# Notes\n\n```\n" + "x".repeat(300) + "\n```\n\n| a | b | c |\n|---|---|---|\n| " + "y".repeat(200) + " | 2 | 3 |\n";

/**
 * Built once per slot (the `tour` worker fixture; saved beside the slot's portal, so a
 * worker that restarts, or the phone project's, reads it back): its contexts are
 * closed here. Built in English whatever the spec's uiLocale: the pages it lists are
 * then visited in either language.
 */
export async function tourOfSlot(browser: Browser): Promise<Tour> {
  if (existsSync(TOUR_FILE)) return JSON.parse(readFileSync(TOUR_FILE, "utf8")) as Tour;
  const tour = await buildTour(browser);
  writeFileSync(TOUR_FILE, JSON.stringify(tour));
  return tour;
}

async function buildTour(browser: Browser): Promise<Tour> {
  const adminContext = await browser.newContext({ locale: BROWSER_LOCALE.en });
  const studentContext = await browser.newContext({ locale: BROWSER_LOCALE.en });
  const otherContext = await browser.newContext({ locale: BROWSER_LOCALE.en });
  try {
    return await tourOf(await adminContext.newPage(), studentContext, otherContext);
  } finally {
    await otherContext.close();
    await studentContext.close();
    await adminContext.close();
  }
}

async function tourOf(admin: Page, studentContext: BrowserContext, otherContext: BrowserContext): Promise<Tour> {
  await signInAsAdmin(admin);
  const student = await signInNewStudent(studentContext, TOUR_STUDENT_NAME);

  // A journal entry with a wide code block and a wide table.
  await student.page.goto("/phase/01/notes");
  await student.page.getByLabel("Journal text (markdown)").fill(WIDE_NOTE);
  await student.page.getByRole("button", { name: "Save" }).click();
  await expect(student.page.getByTestId("save-status")).toContainText("Saved at");

  // An exam attempt (the first choice of every question).
  const exam = parse(readFileSync("content/phases/01-logs/exam.yaml", "utf8")) as ExamFile;
  await student.page.goto("/phase/01/exam");
  for (const [i, q] of exam.questions.entries()) {
    await student.page
      .getByRole("group", { name: `Question ${i + 1}`, exact: true })
      .getByLabel(shownText(q.choices[0]!.text), { exact: true })
      .check();
  }
  await student.page.getByRole("button", { name: "Submit answers" }).click();
  await expect(student.page).toHaveURL(/\/phase\/01\/exam\/[0-9a-f-]{36}$/);
  const attemptPath = new URL(student.page.url()).pathname;

  // Phase 06's exam with a limit and a timer (set on /admin/exams): its page shows the rules and a Start button.
  await admin.goto("/admin/exams");
  const phase6 = admin.getByTestId("exam-settings-06");
  await phase6.getByLabel("Attempts allowed").fill("3");
  await phase6.getByLabel("Time limit (minutes)").fill("30");
  await phase6.getByRole("button", { name: "Save settings" }).click();
  await expect(phase6.getByRole("status").first()).toContainText("Saved.");

  // A pending invite, for the invite page itself.
  const inviteUrl = await inviteStudent(admin, "Pending Person", uniqueEmail("pending"));
  await admin.goto("/admin/students");
  const studentPath = await admin
    .getByTestId(`student-${student.email}`)
    .getByRole("link")
    .first()
    .getAttribute("href");

  // A password-reset link of another student, for the reset page itself (never used).
  const forgetful = await signInNewStudent(otherContext, "Forgetful Person");
  await admin.goto("/admin/students");
  await admin.getByTestId(`student-${forgetful.email}`).getByRole("link").first().click();
  await admin.getByRole("button", { name: "Email a reset link" }).click();
  const resetUrl = await admin.getByTestId("reset-url").inputValue();

  // An archived student, for the roster's archived list.
  const leaver = await seedAccount({
    email: uniqueEmail("leaver"),
    name: "Archived Person",
    password: STUDENT_PASSWORD,
  });
  await withPortalDb((db) => db.user.update({ where: { id: leaver.userId }, data: { archivedAt: new Date() } }));

  return {
    anonymous: [
      "/login",
      new URL(inviteUrl).pathname,
      new URL(resetUrl).pathname,
      "/invite/not-a-real-token",
      "/reset/not-a-real-token",
      "/unsubscribe/not-a-real-token",
      "/no-such-page",
    ],
    student: [
      "/me",
      "/review",
      "/review/cards",
      "/phase/01",
      "/phase/07",
      "/phase/01/notes",
      "/phase/01/exam",
      attemptPath,
      "/phase/06/exam",
      "/account",
      "/phase/99",
    ],
    admin: [
      "/admin/students",
      studentPath!,
      "/admin/gradebook",
      "/admin/gradebook?phase=1&sort=best&dir=desc",
      "/admin/gradebook/exams/01",
      "/admin/announcements",
      "/admin/audit",
      "/admin/audit?from=2030-01-01&to=2020-01-01",
      "/admin/ops",
      "/account",
      "/admin/exams",
    ],
    studentLogin: { email: student.email, password: student.password },
  };
}

/**
 * A page signed in as a role of the tour, with the given viewport and colour scheme,
 * in a context from the `newContext` fixture (closed after the test).
 */
export async function tourPage(
  newContext: NewContext,
  tour: Tour,
  role: "anonymous" | "student" | "admin",
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await newContext(options);
  const page = await context.newPage();
  if (role === "admin") await signInAsAdmin(page);
  if (role === "student") {
    await signInContext(context, tour.studentLogin.email);
    await page.goto("/me");
    await expect(page).toHaveURL(/\/me$/);
  }
  return page;
}
