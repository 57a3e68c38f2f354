// axe-core on every page, for both roles and anonymous visitors, in light and
// dark mode, and in the states that matter: a revealed card, an exam with
// unanswered questions, forms with errors, the journal's conflict view.
// Zero serious or critical violations is the bar.
import { expectNoSeriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { buildTour, type Tour, tourPage } from "./support/tour";

let tour: Tour;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  tour = await buildTour(browser);
});

for (const colorScheme of ["light", "dark"] as const) {
  for (const role of ["anonymous", "student", "admin"] as const) {
    test(`every ${role} page passes axe in ${colorScheme} mode`, async ({ newContext }) => {
      test.setTimeout(180_000);
      const page = await tourPage(newContext, tour, role, { colorScheme });
      for (const path of tour[role]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await expectNoSeriousViolations(page, `${path} (${role}, ${colorScheme})`);
      }
    });
  }

  test(`key states pass axe in ${colorScheme} mode`, async ({ newContext }) => {
    test.setTimeout(180_000);
    const anon = await tourPage(newContext, tour, "anonymous", { colorScheme });
    // Sign-in form with errors.
    await anon.goto("/login");
    await anon.getByRole("button", { name: "Sign in" }).click();
    await expect(anon.getByText("Please correct the highlighted fields.")).toBeVisible();
    await expectNoSeriousViolations(anon, "/login with errors");

    const page = await tourPage(newContext, tour, "student", { colorScheme });
    // A revealed flashcard.
    await page.goto("/review");
    await page.getByRole("button", { name: /Show answer/ }).click();
    await expect(page.getByTestId("review-back")).toBeVisible();
    await expectNoSeriousViolations(page, "/review with the answer shown");
    // An exam submitted with unanswered questions.
    await page.goto("/phase/02/exam");
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByText(/Answer every question first/)).toBeVisible();
    await expectNoSeriousViolations(page, "/phase/02/exam with errors");
    // The change-password form with errors.
    await page.goto("/account");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Enter your current password.")).toBeVisible();
    await expectNoSeriousViolations(page, "/account with errors");
    // The journal's conflict view: another tab saves first.
    await page.goto("/phase/03/notes");
    const other = await page.context().newPage();
    await other.goto("/phase/03/notes");
    await other.getByLabel("Journal text (markdown)").fill("saved in the other tab");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByTestId("save-status")).toContainText("Saved at");
    await page.getByLabel("Journal text (markdown)").fill("typed in this tab");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("heading", { name: "This note changed somewhere else" })).toBeVisible();
    await expectNoSeriousViolations(page, "the journal conflict view");
  });
}
