// The teacher's cockpit end to end: a student cannot reach the gradebook or its CSV;
// the admin filters and sorts it, downloads the CSV (formulas neutralised), invites
// a co-teacher who then signs in as an admin, and archives a student and restores them.
// (The tour walks the new pages in both languages at 1280 and 390 px.)
import { readFileSync } from "node:fs";
import { adminEmail, choosePassword, STUDENT_PASSWORD, uniqueEmail } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { seedAccount, signInContext, withPortalDb } from "./support/seed";
import { limit } from "./support/time-limits";

test("gradebook: students refused; filter, sort, CSV, co-teacher invite, archive and restore", async ({
  adminPage: admin,
  newContext,
}) => {
  test.setTimeout(limit(90_000));
  const tag = `gb${Date.now()}`;
  const seed = (name: string) =>
    seedAccount({ email: uniqueEmail(tag), name, password: STUDENT_PASSWORD, invitedBy: adminEmail() });
  const busy = await seed(`Aaron ${tag}`);
  const idle = await seed(`=Zed ${tag}`);
  // Zed was invited ten days ago and has done nothing since: at risk.
  await withPortalDb((db) =>
    db.user.update({ where: { id: idle.userId }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } }),
  );

  // A student: the page does not exist for them, the download is refused.
  const studentContext = await newContext();
  await signInContext(studentContext, busy.email);
  const student = await studentContext.newPage();
  expect((await student.goto("/admin/gradebook"))?.status()).toBe(404);
  expect((await student.request.get("/admin/gradebook/export")).status()).toBe(403);
  expect((await student.goto("/admin/gradebook/exams/01"))?.status()).toBe(404);

  // Filter by name, then sort by name descending through the column header.
  await admin.goto("/admin/gradebook");
  await admin.getByLabel("Name or email").fill(tag);
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin.getByTestId("gradebook-count")).toContainText("Showing 2 of");
  const rows = admin.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  // Names compare as a collator does: punctuation before letters.
  await expect(rows.first()).toContainText(`=Zed ${tag}`);
  await admin.getByRole("link", { name: "Student", exact: true }).click();
  await expect(admin).toHaveURL(/sort=name&dir=desc/);
  await expect(rows.first()).toContainText(`Aaron ${tag}`);
  await expect(admin.getByRole("columnheader", { name: /Student/ })).toHaveAttribute("aria-sort", "descending");
  await expect(admin.getByTestId(`gradebook-${idle.email}`).getByTestId("risk")).toContainText(
    "No activity since the invite",
  );
  await admin.getByLabel("At risk only").check();
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`=Zed ${tag}`);

  // The CSV: a BOM, one header row, the formula-like name shown as text.
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^gradebook-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFFStudent,SIS Login ID,")).toBe(true);
  expect(csv).toContain(`'=Zed ${tag},${idle.email},active,`);
  expect(csv).not.toMatch(/(^|\r\n)=Zed/);

  // A co-teacher: invited from the roster, signs in as an admin.
  await admin.goto("/admin/students");
  await admin.getByText("Invite a co-teacher").click();
  const coEmail = uniqueEmail(`co${tag}`);
  await admin.getByLabel("Co-teacher's name").fill("Co Teacher");
  await admin.getByLabel("Co-teacher's email").fill(coEmail);
  await admin.getByRole("button", { name: "Invite co-teacher" }).click();
  const link = await admin.getByTestId("co-teacher-url").inputValue();
  const coPage = await (await newContext()).newPage();
  await coPage.goto(link);
  await choosePassword(coPage, "co-teacher passphrase long enough 8812");
  await expect(coPage).toHaveURL(/\/admin\/students$/);
  expect((await coPage.goto("/admin/gradebook"))?.status()).toBe(200);

  // Archive Aaron: gone from the roster and the gradebook, listed as archived, then restored.
  await admin.goto("/admin/students");
  admin.once("dialog", (d) => d.accept());
  await admin.getByTestId(`student-${busy.email}`).getByRole("button", { name: "Archive" }).click();
  await expect(admin.getByTestId(`student-${busy.email}`)).toHaveCount(0);
  await admin.goto(`/admin/gradebook?q=${tag}`);
  await expect(rows).toHaveCount(1);
  await admin.goto("/admin/students");
  await admin.getByText(/^Archived \(/).click();
  await admin.getByTestId(`archived-${busy.email}`).getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByTestId(`student-${busy.email}`)).toBeVisible();
});
