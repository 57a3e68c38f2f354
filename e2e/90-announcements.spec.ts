// Announcements end to end, in English at desktop width and in Spanish on a phone:
// the admin publishes one (markdown previewed as typed), a student sees it at the
// top of /me (rendered, accessible, no sideways scroll) and dismisses it for good;
// once withdrawn, it is gone from every other student's dashboard too.
import type { Page } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import type { Locale } from "./support/i18n";
import { uiText } from "./support/i18n";

const RUNS = [
  { locale: "en", viewport: { width: 1280, height: 800 } },
  { locale: "es", viewport: { width: 390, height: 844 } },
] as const satisfies readonly { locale: Locale; viewport: { width: number; height: number } }[];

/** The start of both "published" messages (emailed or not: the portal may or may not have email on). */
const PUBLISHED = { en: "Announcement published.", es: "Anuncio publicado." };

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
}

for (const { locale, viewport } of RUNS) {
  test.describe(`in ${locale} at ${viewport.width} px`, () => {
    test.use({ uiLocale: locale, viewport });
    const say = (english: string, path?: string) => uiText(locale, english, path);

    test("an admin publishes, a student dismisses it, a withdrawal hides it from everyone", async ({
      adminPage,
      newStudent,
    }) => {
      const title = `Exam moved ${locale} ${Date.now()}`;
      const admin = adminPage;
      await admin.setViewportSize(viewport);
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
      await expect(admin.getByRole("status").filter({ hasText: PUBLISHED[locale] })).toBeVisible();
      const item = admin.getByTestId(/^announcement-/).filter({ hasText: title });
      await expect(item).toBeVisible();
      await expect(admin.getByLabel(say("Title", "admin.announcements.form.title"), { exact: true })).toHaveValue("");

      // The student sees it first on the dashboard, rendered, and the page passes axe.
      const reader = await newStudent("Announcement Reader");
      await reader.page.setViewportSize(viewport);
      await reader.page.goto("/me");
      const region = reader.page.getByRole("region", { name: say("Announcements", "dashboard.announcements.title") });
      const article = region.getByRole("article", { name: title });
      await expect(article).toBeVisible();
      await expect(article.locator("strong")).toHaveText("Friday");
      expect(await seriousViolations(reader.page, `/me with an announcement (${locale})`)).toEqual([]);
      await noSidewaysScroll(reader.page);

      await article.getByRole("button", { name: say("Dismiss") }).click();
      await expect(reader.page.getByRole("article", { name: title })).toHaveCount(0);
      await reader.page.reload();
      await expect(reader.page.getByRole("article", { name: title })).toHaveCount(0);

      // The admin sees the dismissal; withdrawing (confirmed) takes it off every dashboard.
      await admin.reload();
      await expect(item).toContainText(say("Dismissed by 1 student"));
      const other = await newStudent("Announcement Other");
      await expect(other.page.getByRole("article", { name: title })).toBeVisible();
      admin.once("dialog", (dialog) => void dialog.accept());
      await item.getByRole("button", { name: say("Withdraw") }).click();
      await expect(item).toContainText(say("withdrawn", "admin.announcements.list.withdrawn"));
      await expect(item.getByRole("button", { name: say("Withdraw") })).toHaveCount(0);
      await other.page.reload();
      await expect(other.page.getByRole("article", { name: title })).toHaveCount(0);
    });
  });
}
