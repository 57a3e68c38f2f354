// Announcements end to end: the admin publishes one (markdown previewed as typed), a
// student who wants them at once gets it by email and sees it at the top of /me
// (rendered, accessible, no sideways scroll) and dismisses it for good; once
// withdrawn, it is gone from every other student's dashboard too.
import type { Page } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { uiText } from "./support/i18n";
import { signInNewStudent } from "./support/accounts";
import { mailTo } from "./support/mail";
import { limit } from "./support/time-limits";

// One flow covers both languages and widths: the admin works in Spanish on a phone,
// the students read in English at desktop width (the tour walks both pages in both).
const ADMIN = { locale: "es", viewport: { width: 390, height: 844 } } as const;
const READER = { locale: "en-US", viewport: { width: 1280, height: 800 } } as const;

/** The start of both "published" messages (emailed or not: the portal may or may not have email on). */
const PUBLISHED = "Anuncio publicado.";

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
}

test.use({ uiLocale: ADMIN.locale, viewport: ADMIN.viewport });

test("an admin publishes, students are emailed, one dismisses it, a withdrawal hides it from everyone", async ({
  adminPage: admin,
  newContext,
}) => {
  test.setTimeout(limit(120_000)); // the announcement's email waits behind one per student of the slot
  const say = (english: string, path?: string) => uiText(ADMIN.locale, english, path);
  const title = `Exam moved ${Date.now()}`;
  // A student who wants announcements at once (the default) exists before it is posted.
  const reader = await signInNewStudent(await newContext(READER), "Announcement Reader");
  await admin.goto("/admin/announcements");
  await expect(admin.getByTestId("mail-status")).toBeVisible();

  // An empty form is refused field by field.
  await admin.getByRole("button", { name: say("Publish") }).click();
  await expect(admin.getByLabel(say("Title", "admin.announcements.form.title"), { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(admin.getByText(say("Give the announcement a title."))).toBeVisible();
  await expect(admin.getByText(say("Write the announcement's text."))).toBeVisible();

  await admin.getByLabel(say("Title", "admin.announcements.form.title"), { exact: true }).fill(title);
  await admin.getByLabel(say("Text (markdown)")).fill("The exam is on **Friday**.\n\n- bring a pen");
  await expect(admin.getByTestId("announcement-preview").locator("strong")).toHaveText("Friday");
  await admin.getByRole("button", { name: say("Publish") }).click();
  await expect(admin.getByRole("status").filter({ hasText: PUBLISHED })).toBeVisible();
  const item = admin.getByTestId(/^announcement-/).filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(admin.getByLabel(say("Title", "admin.announcements.form.title"), { exact: true })).toHaveValue("");
  await noSidewaysScroll(admin);

  // It is emailed (in the student's language, English by default) with a one-click way out.
  // Every student of this slot who wants announcements at once is emailed (a few dozen by now).
  const mail = await mailTo(reader.email, (m) => m.subject === `Announcement: ${title}`);
  expect(mail.html).toContain("<strong>Friday</strong>");
  expect(mail.text).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+\.announcements\./);

  // The student sees it first on the dashboard, rendered, and the page passes axe.
  await reader.page.goto("/me");
  const region = reader.page.getByRole("region", { name: "Announcements" });
  const article = region.getByRole("article", { name: title });
  await expect(article).toBeVisible();
  await expect(article.locator("strong")).toHaveText("Friday");
  expect(await seriousViolations(reader.page, "/me with an announcement")).toEqual([]);
  await noSidewaysScroll(reader.page);

  await article.getByRole("button", { name: "Dismiss" }).click();
  await expect(reader.page.getByRole("article", { name: title })).toHaveCount(0);
  await reader.page.reload();
  await expect(reader.page.getByRole("article", { name: title })).toHaveCount(0);

  // The admin sees the dismissal; withdrawing (confirmed) takes it off every dashboard.
  await admin.reload();
  await expect(item).toContainText(say("Dismissed by 1 student"));
  const other = await signInNewStudent(await newContext(READER), "Announcement Other");
  await expect(other.page.getByRole("article", { name: title })).toBeVisible();
  admin.once("dialog", (dialog) => void dialog.accept());
  await item.getByRole("button", { name: say("Withdraw") }).click();
  await expect(item).toContainText(say("withdrawn", "admin.announcements.list.withdrawn"));
  await expect(item.getByRole("button", { name: say("Withdraw") })).toHaveCount(0);
  await other.page.reload();
  await expect(other.page.getByRole("article", { name: title })).toHaveCount(0);
});
