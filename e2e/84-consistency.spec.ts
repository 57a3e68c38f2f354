// Issue 14, item 7: one rule for times (the viewer's zone, named), "last sign-in"
// set by an invite redemption, a favicon and a title per page, human validation
// messages, email addresses with internationalised domains, and an audit log
// whose page views do not drown the rest, with a reversed date range explained.
import { type Page, expect, test } from "@playwright/test";
import {
  STUDENT_PASSWORD,
  choosePassword,
  inviteAndRedeem,
  inviteStudent,
  signInNewStudent,
  signIn,
  signInAsAdmin,
  uniqueEmail,
  adminEmail,
} from "./support/accounts";
import { setAccountZone } from "./support/seed";

const ZONE = { timezoneId: "America/New_York", locale: "en-US" };
// English names the zone by its offset (en-GB style: "6 Dec 2026, 12:51 GMT-5").
const NEW_YORK = /\bGMT-[45]\b|\bE[SD]T\b/;
test.use(ZONE); // the admin's page (the default fixture)

const studentRow = (admin: Page, email: string) => admin.getByTestId(`student-${email}`);

test("a redeemed invite counts as the first sign-in, shown in the viewer's zone", async ({ page: admin, browser }) => {
  await signInAsAdmin(admin);
  const { context, email } = await inviteAndRedeem(await browser.newContext(ZONE), admin, "First Timer");
  // The viewer's zone is their account's (the cohort's, UTC here, until they choose one).
  await admin.goto("/admin/students");
  await expect(studentRow(admin, email).locator('td[data-label="Last sign-in"]')).toContainText("UTC");
  await setAccountZone(adminEmail()!, "America/New_York");
  try {
    await checkTimesInNewYork(admin, email);
  } finally {
    await setAccountZone(adminEmail()!, null);
  }
  await context.close();
});

async function checkTimesInNewYork(admin: Page, email: string) {
  await admin.goto("/admin/students");
  const lastSignIn = studentRow(admin, email).locator('td[data-label="Last sign-in"]');
  await expect(lastSignIn).not.toHaveText("never");
  await expect(lastSignIn).toContainText(NEW_YORK);
  await studentRow(admin, email).getByRole("link").first().click();
  await expect(admin.getByText(/last sign-in/)).toContainText(NEW_YORK);
  // Audit times follow the same rule.
  await admin.goto(`/admin/audit?target=${encodeURIComponent(email)}`);
  await expect(admin.getByTestId("audit-row").first().locator('td[data-label="Time"]')).toContainText(NEW_YORK);
}

test("a favicon, and a title of its own on every page", async ({ page: admin, browser }) => {
  const icon = await admin.request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await admin.goto("/login");
  await expect(admin.locator('link[rel="icon"]')).toHaveAttribute("href", /\/icon\.svg/);
  await expect(admin).toHaveTitle("Sign in · Miniportal");
  await admin.goto("/no-such-page");
  await expect(admin).toHaveTitle("Page not found · Miniportal");

  await signInAsAdmin(admin);
  const { page, context } = await signInNewStudent(await browser.newContext(), "Test Student");
  const titles = new Map<string, string>();
  for (const path of [
    "/me",
    "/review",
    "/account",
    "/phase/01",
    "/phase/02",
    "/phase/01/notes",
    "/phase/01/exam",
    "/phase/99",
  ]) {
    await page.goto(path);
    titles.set(path, await page.title());
  }
  expect(titles.get("/phase/01")).toBe("Phase 01: Structured logs · Miniportal");
  expect(titles.get("/phase/01/notes")).toBe("Journal · Phase 01: Structured logs · Miniportal");
  expect(titles.get("/phase/99")).toBe("Page not found · Miniportal");
  for (const [path, title] of titles) expect(title, path).toMatch(/^.+ · Miniportal$/);
  expect(new Set(titles.values()).size, JSON.stringify([...titles])).toBe(titles.size);
  for (const path of ["/admin/students", "/admin/audit", "/admin/ops", "/account"]) {
    await admin.goto(path);
    await expect(admin, path).toHaveTitle(/^.+ · Miniportal$/);
  }
  await context.close();
});

test("an email with an internationalised domain is invited, shown in Unicode and signs in in either spelling", async ({
  page: admin,
  browser,
}) => {
  await signInAsAdmin(admin);
  const local = uniqueEmail("idn").split("@")[0]!;
  const unicode = `${local}@bücher.example`;
  const link = await inviteStudent(admin, "Ünïcode Domain", unicode);
  const stored = `${local}@xn--bcher-kva.example`;
  await expect(studentRow(admin, stored)).toContainText(unicode);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await choosePassword(page, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  await context.clearCookies();
  await signIn(page, `${local}@BÜCHER.example`, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  await context.clearCookies();
  await signIn(page, stored, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  // Inviting the same person again in the other spelling is the same account.
  await admin.goto("/admin/students");
  await admin.getByLabel("Name", { exact: true }).fill("Again");
  await admin.getByLabel("Email", { exact: true }).fill(stored);
  await admin.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(admin.locator("#email-error")).toHaveText("This email already has an account.");
  await context.close();
});

test("the audit log hides page views until asked, explains a reversed range, and words its refusals", async ({
  page: admin,
}) => {
  await signInAsAdmin(admin);
  await admin.goto("/admin/audit");
  await admin.goto("/admin/audit"); // each view of the log is itself an audit.viewed event
  const rows = admin.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  expect((await rows.allInnerTexts()).some((t) => t.includes(".viewed"))).toBe(false);
  const hidden = admin.getByTestId("hidden-views");
  await expect(hidden).toContainText(/\d+ page views are hidden \(.*audit\.viewed \d+/);
  await expect(admin.getByLabel("Page views")).toHaveValue("hide");
  await hidden.getByRole("link", { name: "Show page views" }).click();
  await expect(admin).toHaveURL(/views=show/);
  await expect(rows.filter({ hasText: "audit.viewed" }).first()).toBeVisible();
  await expect(admin.getByLabel("Page views")).toHaveValue("show");
  // Back to hidden through the form.
  await admin.getByLabel("Page views").selectOption("hide");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/views=hide/);
  await expect(rows.filter({ hasText: "audit.viewed" })).toHaveCount(0);

  // A reversed range: explained and swapped, not an empty page.
  await admin.goto("/admin/audit?from=2099-01-01&to=2020-01-01");
  await expect(admin.getByTestId("audit-note")).toHaveText(
    "The From date (2099-01-01) was after the To date (2020-01-01), so no day could match. Showing 2020-01-01 to 2099-01-01 instead.",
  );
  await expect(rows.first()).toBeVisible();
  await expect(admin.getByLabel("From (UTC)")).toHaveValue("2020-01-01");

  // A filter that fails validation says so in words, not in zod's.
  await admin.goto(`/admin/audit?actor=${"x".repeat(300)}`);
  await expect(admin.getByText(/Some filters were ignored/)).toHaveText(
    "Some filters were ignored: actor: Use at most 254 characters.",
  );
});
