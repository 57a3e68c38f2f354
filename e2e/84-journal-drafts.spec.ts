// Issue 14, item 3 (no lost drafts) and the time rule of item 7 in the journal:
// text left by an in-app link is offered back on return; a restored draft
// saves through the same versioned save and conflict view (with its line diff);
// saved-at times are in the viewer's zone, with the zone, after a save and after a reload.
import { type Page, expect, test } from "@playwright/test";
import { STUDENT_PASSWORD, signInNewStudent, signIn, signInAsAdmin } from "./support/accounts";
import { expectNoteText, noteEditor } from "./support/note-editor";
import { setAccountZone } from "./support/seed";

// The student's account is in New York and the browser too, the cohort in UTC: a time
// rendered in the cohort's zone instead of the account's shows.
const ZONE = { timezoneId: "America/New_York", locale: "en-US" };
// English names the zone by its offset (en-GB style: "6 Dec 2026, 12:51 GMT-5").
const NEW_YORK = /\bGMT-[45]\b|\bE[SD]T\b/;
const editor = (page: Page) => noteEditor(page);
const status = (page: Page) => page.getByTestId("save-status");
const headerLink = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
const storedDrafts = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("miniportal.journal-draft")));

test("text left by a header link is offered back, restored and saved; times keep the viewer's zone", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const { page, context, email } = await signInNewStudent(await browser.newContext(ZONE), "Draft Keeper");
  await setAccountZone(email, "America/New_York");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  await page.goto("/phase/01/notes");
  await expect(status(page)).toHaveText("Not saved yet");
  const draft = "# Half a thought\n\nPLANTED-draft-7c1e about log levels";
  await editor(page).fill(draft);
  await expect(status(page)).toHaveText("Unsaved changes");

  // Away by an in-app link: no prompt (beforeunload does not fire), and nothing lost.
  await headerLink(page, "Review").click();
  await expect(page).toHaveURL(/\/review$/);
  expect(await storedDrafts(page)).toHaveLength(1);

  // Back: the draft is offered; the editor holds the saved (empty) note until the student chooses.
  await headerLink(page, "Dashboard").click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/phase/01");
  await page.getByRole("link", { name: "Journal", exact: true }).click();
  const offer = page.getByTestId("draft-offer");
  await expect(offer.getByRole("heading", { name: "You have an unsaved draft" })).toBeVisible();
  await expect(offer.getByTestId("draft-text")).toHaveText(draft);
  await expect(offer).toContainText(NEW_YORK);
  await expectNoteText(editor(page), "");

  await offer.getByRole("button", { name: "Restore draft" }).click();
  await expect(offer).toHaveCount(0);
  await expectNoteText(editor(page), draft);
  await expect(status(page)).toHaveText("Unsaved changes");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(status(page)).toContainText("Saved at");
  await expect(status(page)).toContainText("version 1");
  // The time right after the save is in the viewer's zone, named...
  await expect(status(page)).toContainText(NEW_YORK);
  // ...and the saved draft is gone from the browser.
  expect(await storedDrafts(page)).toEqual([]);

  // After a reload: the same zone (not the server's UTC), and no offer.
  await page.reload();
  await expectNoteText(editor(page), draft);
  await expect(status(page)).toContainText(NEW_YORK);
  await expect(page.getByTestId("draft-offer")).toHaveCount(0);
  await page.goto("/phase/01");
  await expect(page.getByTestId("journal-status")).toContainText(NEW_YORK);
  expect(dialogs).toEqual([]);
  await context.close();
});

test("a discarded draft is gone for good", async ({ page: admin, browser }) => {
  await signInAsAdmin(admin);
  const { page, context } = await signInNewStudent(await browser.newContext(), "Test Student");
  await page.goto("/phase/02/notes");
  await editor(page).fill("second thoughts I do not want");
  await headerLink(page, "Dashboard").click();
  await expect(page).toHaveURL(/\/me$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/phase\/02\/notes$/);
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByTestId("draft-offer")).toHaveCount(0);
  await expectNoteText(editor(page), "");
  expect(await storedDrafts(page)).toEqual([]);
  await page.reload();
  await expectNoteText(editor(page), "");
  await expect(page.getByTestId("draft-offer")).toHaveCount(0);
  await context.close();
});

test("a restored draft older than the saved note meets the conflict view, with a line diff", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const { page, context, email } = await signInNewStudent(await browser.newContext(), "Test Student");
  await page.goto("/phase/03/notes");
  await editor(page).fill("line one\nline two");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(status(page)).toContainText("version 1");
  await editor(page).fill("line one\nline two, rewritten here");
  await headerLink(page, "Review").click();
  await expect(page).toHaveURL(/\/review$/);

  // Meanwhile another browser (its own storage) saves a newer version.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, STUDENT_PASSWORD);
  await expect(elsewhere).toHaveURL(/\/me$/);
  await elsewhere.goto("/phase/03/notes");
  await expect(elsewhere.getByTestId("draft-offer")).toHaveCount(0);
  await editor(elsewhere).fill("line one\nline two\nline three from elsewhere");
  await elsewhere.getByRole("button", { name: "Save", exact: true }).click();
  await expect(status(elsewhere)).toContainText("version 2");
  await other.close();

  await page.goBack();
  await page.getByRole("button", { name: "Restore draft" }).click();
  await expectNoteText(editor(page), "line one\nline two, rewritten here");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { name: "This note changed somewhere else" })).toBeVisible();
  const diff = page.getByTestId("conflict-diff");
  await expect(diff.locator('[data-kind="same"]')).toHaveText(["line one"]);
  await expect(diff.locator('[data-kind="removed"]')).toHaveText([/line two$/, /line three from elsewhere$/]);
  await expect(diff.locator('[data-kind="added"]')).toHaveText([/line two, rewritten here$/]);
  await expect(page.getByRole("heading", { name: /What differs.*3 lines/ })).toBeVisible();
  // Nothing was overwritten; keeping mine saves over version 2 and clears the draft.
  await page.getByRole("button", { name: "Keep mine" }).click();
  await expect(status(page)).toContainText("version 3");
  expect(await storedDrafts(page)).toEqual([]);
  await context.close();
});

test("signing out forgets this browser's drafts (a shared computer keeps no journal text)", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const { page, context, email } = await signInNewStudent(await browser.newContext(), "Test Student");
  await page.goto("/phase/04/notes");
  await editor(page).fill("private words PLANTED-draft-signout");
  await headerLink(page, "Dashboard").click();
  await expect(page).toHaveURL(/\/me$/);
  expect(await storedDrafts(page)).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await storedDrafts(page)).toEqual([]);
  await signIn(page, email, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  await page.goto("/phase/04/notes");
  await expectNoteText(editor(page), "");
  await expect(page.getByTestId("draft-offer")).toHaveCount(0);
  await context.close();
});
