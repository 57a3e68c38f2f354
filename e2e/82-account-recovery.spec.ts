// A student forgot the password: the sign-in page says whom to ask; the admin
// creates a reset link on the student's page; the link sets a new password under
// the same rules, works once, ends the student's other sessions, and is audited.
import { mailTo, mailsTo } from "./support/mail";
import { signIn } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { limit } from "./support/time-limits";

const NEW_PASSWORD = "a brand new passphrase for e2e-7731";

test("an admin's reset link lets a locked-out student choose a new password, once", async ({
  adminPage: admin,
  newStudent,
  newContext,
}) => {
  const student = await newStudent("Forgetful Student");

  // The sign-in page tells a locked-out student whom to ask.
  const stranger = await newContext();
  const login = await stranger.newPage();
  await login.goto("/login");
  await expect(login.getByTestId("forgot-password")).toContainText("Ask your course admin");

  // The admin creates a link on the student's page; a second one withdraws the first.
  await admin.goto("/admin/students");
  // Opened by its address (as the tour does): this spec is about the reset link, and a
  // full load fails with the page's own status if the student's page is the problem.
  const studentPath = await admin
    .getByTestId(`student-${student.email}`)
    .getByRole("link", { name: "Forgetful Student" })
    .getAttribute("href");
  expect((await admin.goto(studentPath!))?.status()).toBe(200);
  await admin.getByRole("button", { name: "Email a reset link" }).click();
  const first = await admin.getByTestId("reset-url").inputValue();
  expect(first).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByText(/^Expires /)).toContainText(/UTC|GMT/);
  admin.once("dialog", (d) => d.accept());
  await admin.getByRole("button", { name: "Email a reset link" }).click();
  await expect(admin.getByTestId("reset-url")).not.toHaveValue(first);
  const link = await admin.getByTestId("reset-url").inputValue();
  // Email is on in the e2e portals: the same link went to the student, in their language.
  const mail = await mailTo(student.email, (m) => m.text.includes(link));
  expect(mail.subject).toBe("Reset your Miniportal password");
  expect(mailsTo(student.email).filter((m) => m.text.includes(first))).toHaveLength(1);
  await expect(async () => {
    await admin.reload();
    await expect(admin.getByTestId("reset-mail-status")).toContainText("Email delivered", { timeout: 1000 });
  }).toPass({ timeout: limit(15_000) });

  expect((await login.goto(first))?.status()).toBe(404);
  await expect(login.getByTestId("reset-problem")).toContainText("withdrawn");

  // Same password rules as the invite.
  await login.goto(link);
  await login.getByLabel("New password", { exact: true }).fill("too short");
  await login.getByLabel("Repeat the new password").fill("too short");
  await login.getByRole("button", { name: "Set my new password" }).click();
  await expect(login.getByText(/Use at least 15 characters/)).toBeVisible();
  await login.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await login.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await login.getByRole("button", { name: "Set my new password" }).click();
  await expect(login).toHaveURL(/\/me$/);

  // The student's earlier session has ended; the old password no longer works, the new one does.
  await student.page.goto("/me");
  await expect(student.page).toHaveURL(/\/login$/);
  await signIn(student.page, student.email, student.password);
  await expect(student.page.getByText(/do not match an active account/)).toBeVisible();
  await signIn(student.page, student.email, NEW_PASSWORD);
  await expect(student.page).toHaveURL(/\/me$/);

  // Single use.
  const again = await stranger.newPage();
  expect((await again.goto(link))?.status()).toBe(404);
  await expect(again.getByTestId("reset-problem")).toContainText("already been used");

  // Audited.
  await admin.goto("/admin/audit?action=password_reset.used");
  await expect(admin.getByTestId("audit-row").first()).toContainText(student.email);
  await admin.goto(`/admin/audit?action=password_reset.issued&target=${encodeURIComponent(student.email)}`);
  await expect(admin.getByTestId("audit-row")).toHaveCount(2);
});
