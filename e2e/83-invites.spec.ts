// Invites managed on /admin/students: open invites with their expiry, a fresh
// link that withdraws the old one, revoking, re-inviting asks before replacing,
// and a bulk invite from pasted lines with a result per line.
import { choosePassword, inviteStudent, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { mailTo } from "./support/mail";
import { limit } from "./support/time-limits";

test("an admin sees open invites, copies a fresh link, revokes, re-invites with a question, and bulk-invites", async ({
  adminPage: admin,
  newContext,
}) => {
  const email = uniqueEmail("invitee");
  const first = await inviteStudent(admin, "First Name", email);
  // Email is on in the e2e portals: the link shown is the one emailed to the person.
  await expect(admin.getByTestId("mail-mode")).toContainText("Email is on");
  const invited = await mailTo(email, (m) => m.text.includes(first));
  expect(invited.subject).toBe("Your invitation to Miniportal");
  expect(invited.html).toContain(`href="${first}"`);
  // Each link says whose it is; the next invite starting (typing) takes the previous link away.
  await expect(admin.getByTestId("invite-url-person")).toContainText("First Name");
  await expect(admin.getByTestId("invite-url-person")).toContainText(email);
  await expect(admin.getByRole("textbox", { name: /^Invite link for .*First Name/ })).toHaveValue(first);
  const other = uniqueEmail("ben");
  await admin.getByLabel("Name", { exact: true }).pressSequentially("Ben");
  await expect(admin.getByTestId("invite-url")).toHaveCount(0);
  await expect(admin.getByText(/Invite created for/)).toHaveCount(0);
  await admin.getByLabel("Email", { exact: true }).fill(other);
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(admin.getByTestId("invite-url-person")).toContainText("Ben");
  await expect(admin.getByTestId("invite-url-person")).toContainText(other);
  expect(await admin.getByTestId("invite-url").inputValue()).not.toBe(first);

  // Re-inviting the same email asks before replacing the name and link.
  await admin.reload();
  await admin.getByLabel("Name", { exact: true }).fill("Second Name");
  await admin.getByLabel("Email", { exact: true }).fill(email);
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(admin.getByText(/already has an open invite \(as First Name\)/)).toBeVisible();
  await admin.getByRole("button", { name: "Replace the invite" }).click();
  const second = await admin.getByTestId("invite-url").inputValue();
  expect(second).not.toBe(first);

  // The open invite is listed with its expiry; a fresh link withdraws the current one.
  await admin.reload();
  const row = admin.getByTestId(`invite-${email}`);
  await expect(row).toContainText("Second Name");
  await expect(row).toContainText(/expires .*(UTC|GMT)/);
  // The page says where the email stands (delivered a moment after the link was made).
  await expect(async () => {
    await admin.reload();
    await expect(row.getByTestId("invite-mail-status")).toContainText("Email delivered", { timeout: 1000 });
  }).toPass({ timeout: limit(15_000) });
  await row.getByRole("button", { name: "Email a new link" }).click();
  const fresh = await row.getByTestId("fresh-invite-url").inputValue();
  await expect(row.getByTestId("fresh-invite-url-person")).toContainText("Second Name");
  await expect(row.getByTestId("fresh-invite-url-person")).toContainText(email);
  expect(fresh).not.toBe(second);
  await mailTo(email, (m) => m.text.includes(fresh));
  const visitor = await newContext();
  const page = await visitor.newPage();
  expect((await page.goto(second))?.status()).toBe(404);
  await expect(page.getByTestId("invite-problem")).toContainText("withdrawn");

  // Revoking withdraws the fresh link too.
  admin.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  // A withdrawn invitation leaves the list (and the roster, and both counts).
  await expect(row).toHaveCount(0);
  await expect(admin.getByTestId(`student-${email}`)).toHaveCount(0);
  expect((await page.goto(fresh))?.status()).toBe(404);

  // Bulk: pasted lines, a result per line.
  const a = uniqueEmail("bulk");
  const b = uniqueEmail("bulk");
  await admin.getByText("Invite many people at once").click();
  await admin
    .getByLabel("One person per line: email, name")
    .fill(`email,name\n${a}, Bulk Ada\nnot-an-email, Nobody\n${b}, "Hopper, Grace"\n${a}, Twice Ada`);
  await admin.getByRole("button", { name: "Invite everyone" }).click();
  const results = admin.getByTestId("bulk-result");
  await expect(results).toHaveCount(4);
  await expect(results.nth(0)).toContainText("invited");
  await expect(results.nth(1)).toContainText("refused");
  await expect(results.nth(1)).toContainText("valid email");
  await expect(results.nth(2)).toContainText("invited");
  await expect(results.nth(3)).toContainText("skipped");
  const link = await admin.getByTestId("bulk-url-4").inputValue();
  await expect(admin.getByTestId("bulk-url-4-person")).toContainText("Hopper, Grace");
  await expect(admin.getByTestId("bulk-url-4-person")).toContainText(b);
  await expect(admin.getByRole("textbox", { name: /^Invite link for .*Hopper, Grace/ })).toHaveValue(link);
  await expect(admin.getByTestId("bulk-url-2-person")).toContainText("Bulk Ada");
  // Starting the next batch takes these results (and their links) away.
  await admin.getByLabel("One person per line: email, name").press("End");
  await admin.getByLabel("One person per line: email, name").pressSequentially("\n");
  await expect(results).toHaveCount(0);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Welcome, Hopper, Grace" })).toBeVisible();
  await choosePassword(page, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);

  // Last sign-in is set by redeeming the invite.
  await admin.goto("/admin/students");
  await expect(admin.getByTestId(`student-${b}`)).not.toContainText("never");
});
