// Accounts for e2e specs. The admin comes from the first-run invite that `npm start`
// printed, redeemed through the UI by the first sign-in on a slot; students come from lib/.
// The helpers read the page's language (<html lang>) and find their fields by the
// interface text of that language, so they work in a Spanish-speaking browser too.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, type Cookie, type Page, expect } from "@playwright/test";
import { type Locale, uiText } from "./i18n";
import { seedAccount, signInContext } from "./seed";
import { E2E_DIR, E2E_STATE_FILE, type E2EState } from "./server-config";

export const ADMIN_PASSWORD = "e2e admin passphrase PLANTED-pw-9150";
export const STUDENT_PASSWORD = "e2e student passphrase PLANTED-pw-2231";
const ADMIN_EMAIL_FILE = path.join(E2E_DIR, "admin-email.txt");
const ADMIN_STATE_FILE = path.join(E2E_DIR, "admin-state.json");

export function firstRunInviteUrl(): string {
  const state = JSON.parse(readFileSync(E2E_STATE_FILE, "utf8")) as E2EState;
  if (!state.adminInviteUrl) throw new Error("npm start printed no first-run admin invite");
  return state.adminInviteUrl;
}

/** The page's interface text for an English text: itself on an English page, its Spanish on a Spanish one. */
export async function textOf(page: Page): Promise<(english: string, path?: string) => string> {
  const lang = await page.locator("html").getAttribute("lang");
  const locale: Locale = lang === "es" ? "es" : "en";
  return (english, path) => uiText(locale, english, path);
}

export async function choosePassword(page: Page, password: string): Promise<void> {
  const say = await textOf(page);
  await page.getByLabel(say("Choose a password")).fill(password);
  await page.getByLabel(say("Repeat the password")).fill(password);
  await page.getByRole("button", { name: say("Create my account") }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  const say = await textOf(page);
  await page.getByLabel(say("Email", "auth.login.email")).fill(email);
  await page.getByLabel(say("Password", "auth.login.password")).fill(password);
  await page.getByRole("button", { name: say("Sign in", "auth.login.submit") }).click();
}

/**
 * Signs the page in as the admin. The first call on a slot redeems the first-run
 * invite through the UI; the browser state it ends with is saved, and later calls
 * reuse that session (no sign-in, no Argon2 verify) unless it has ended, when they
 * sign in through the form and save the new one.
 */
export async function signInAsAdmin(page: Page): Promise<void> {
  const context = page.context();
  if (existsSync(ADMIN_STATE_FILE)) {
    const state = JSON.parse(readFileSync(ADMIN_STATE_FILE, "utf8")) as { cookies: Cookie[] };
    await context.addCookies(state.cookies);
    await page.goto("/admin/students");
    if (/\/admin\/students$/.test(page.url())) return;
    await signIn(page, readFileSync(ADMIN_EMAIL_FILE, "utf8"), ADMIN_PASSWORD);
  } else {
    await page.goto(firstRunInviteUrl());
    const email = await page.locator('input[name="username"]').inputValue();
    await choosePassword(page, ADMIN_PASSWORD);
    writeFileSync(ADMIN_EMAIL_FILE, email);
  }
  await expect(page).toHaveURL(/\/admin\/students$/);
  await context.storageState({ path: ADMIN_STATE_FILE });
}

/** The admin's email, once a sign-in has created the admin. */
export function adminEmail(): string | undefined {
  return existsSync(ADMIN_EMAIL_FILE) ? readFileSync(ADMIN_EMAIL_FILE, "utf8") : undefined;
}

let sequence = 0;
export function uniqueEmail(prefix = "student"): string {
  return `${prefix}-${Date.now().toString(36)}-${++sequence}@example.org`;
}

/** As a signed-in admin page: invites a student and returns the invite link shown. */
export async function inviteStudent(adminPage: Page, name: string, email: string): Promise<string> {
  await adminPage.goto("/admin/students");
  const say = await textOf(adminPage);
  await adminPage.getByLabel(say("Name", "admin.inviteForm.name"), { exact: true }).fill(name);
  await adminPage.getByLabel(say("Email", "admin.inviteForm.email"), { exact: true }).fill(email);
  await adminPage.getByRole("button", { name: say("Invite", "admin.inviteForm.submit"), exact: true }).click();
  const link = adminPage.getByTestId("invite-url");
  await expect(link).toBeVisible();
  return link.inputValue();
}

export type Student = { context: BrowserContext; page: Page; email: string; password: string; name: string };

/** Invites a new student from the admin's page and redeems the invite in `context`'s browser, as a person does. */
export async function inviteAndRedeem(context: BrowserContext, adminPage: Page, name: string): Promise<Student> {
  const email = uniqueEmail();
  const url = await inviteStudent(adminPage, name, email);
  const page = await context.newPage();
  await page.goto(url);
  await choosePassword(page, STUDENT_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  return { context, page, email, password: STUDENT_PASSWORD, name };
}

/**
 * A new student, signed in on a page of `context` (on /me). Made through lib/
 * (e2e/support/seed.ts), as the admin's invite and its redemption would make it:
 * for specs that need a student, not for those about inviting or signing in.
 */
export async function signInNewStudent(context: BrowserContext, name: string): Promise<Student> {
  const email = uniqueEmail();
  await seedAccount({ email, name, password: STUDENT_PASSWORD, invitedBy: adminEmail() });
  await signInContext(context, email);
  const page = await context.newPage();
  await page.goto("/me");
  await expect(page).toHaveURL(/\/me$/);
  return { context, page, email, password: STUDENT_PASSWORD, name };
}
