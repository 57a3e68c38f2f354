import { choosePassword, firstRunInviteUrl, inviteStudent, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { expect, test } from "./support/fixtures";

test("first-run admin invite → invite a student → redeem → phases → deactivation ends the session", async ({
  adminPage: admin, // the slot's first admin sign-in redeems the invite that `npm start` printed
  newContext,
}) => {
  await expect(admin.getByRole("heading", { name: "Students" })).toBeVisible();

  const email = uniqueEmail();
  const link = await inviteStudent(admin, "Grace Hopper", email);
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  const studentContext = await newContext();
  const student = await studentContext.newPage();
  await student.goto(link);
  await expect(student.getByRole("heading", { name: "Welcome, Grace Hopper" })).toBeVisible();

  // A short password gets a field error and no account.
  await choosePassword(student, "too short pw");
  await expect(student.getByText(/Use at least 15 characters/)).toBeVisible();
  await choosePassword(student, STUDENT_PASSWORD);
  await expect(student).toHaveURL(/\/me$/);
  await expect(student.getByRole("heading", { name: "Hello, Grace Hopper" })).toBeVisible();
  const phases = student.getByRole("list", { name: "Course phases" }).getByRole("listitem");
  expect(await phases.count()).toBeGreaterThanOrEqual(6);

  await student.getByRole("link", { name: "Structured logs" }).click();
  await expect(student).toHaveURL(/\/phase\/01$/);
  await expect(student.getByRole("heading", { name: /Flashcards/ })).toBeVisible();

  // The invite is single use.
  const reuse = await studentContext.newPage();
  const response = await reuse.goto(link);
  expect(response?.status()).toBe(404);
  await expect(reuse.getByTestId("invite-problem")).toHaveText(/already been used/);
  await reuse.close();

  // The admin deactivates the student; the student's next navigation lands on /login.
  await admin.goto("/admin/students");
  admin.once("dialog", (dialog) => dialog.accept());
  await admin.getByTestId(`student-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`student-${email}`).getByText("disabled")).toBeVisible();

  await student.goto("/me");
  await expect(student).toHaveURL(/\/login$/);
});

test("the first-run invite cannot be used twice", async ({ adminPage, newContext }) => {
  // The admin fixture has redeemed it (or signed in with the account it created).
  await expect(adminPage).toHaveURL(/\/admin\/students$/);
  const page = await (await newContext()).newPage();
  const response = await page.goto(firstRunInviteUrl());
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("invite-problem")).toHaveText(/already been used/);
});

test("unknown phases and bad invites give clear 404 pages; anonymous visitors go to /login", async ({ page }) => {
  expect((await page.goto("/invite/not-a-real-token"))?.status()).toBe(404);
  await expect(page.getByTestId("invite-problem")).toHaveText(/not valid/);
  await page.goto("/me");
  await expect(page).toHaveURL(/\/login$/);
});

test("a student gets 404 on admin pages and an unknown phase is a 404", async ({ studentPage: student }) => {
  expect((await student.goto("/admin/students"))?.status()).toBe(404);
  expect((await student.goto("/phase/42"))?.status()).toBe(404);
  await expect(student.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
