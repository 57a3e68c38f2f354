// Issue 30: a second factor, required for admins. A portal of its own in the default
// mode (MINIPORTAL_ADMIN_2FA=required), on http://localhost (WebAuthn refuses IP
// addresses as relying-party ids), with Chromium's virtual authenticator (CDP
// WebAuthn.addVirtualAuthenticator). The browser shows what only a browser can: the
// first admin's invite leads through enrolment and nothing else opens until then;
// an authenticator app enrolled on the page with codes computed here; a passkey
// registered, used as the second step and passwordless, and removed; the step-up
// prompt; a recovery code; each page in English and Spanish at 390 px, axe clean.
// The rules (replay, drift, wrong code, expired challenge, another origin, a cloned
// authenticator, rate limits, policy) are tested against lib/ in
// tests/integration/two-factor.test.ts.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { generate } from "otplib";
import { choosePassword } from "./support/accounts";
import { seriousViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { BROWSER_LOCALE, type Locale } from "./support/i18n";
import { overflowProblems, sidewaysScroll } from "./support/overflow";
import { languageProblems } from "./support/page-language";
import { startPortal, waitUntilReady } from "./support/portal-process";
import { tapTargetProblems } from "./support/tap-targets";
import { withDataDirDb } from "./support/seed";
import { E2E_DIR, E2E_PORT } from "./support/server-config";
import { limit } from "./support/time-limits";

const DIR = path.join(E2E_DIR, "two-factor-spec");
const PORT = E2E_PORT + 17;
const ORIGIN = `http://localhost:${PORT}`;
const PASSWORD = "two factor spec granite harbour lamp";
const PHONE = { width: 390, height: 844 };

/** A code of the step after the current one: never the step enrolment or an earlier use took (±1 drift allows it). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function withAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** Language, axe, the 390 px width and tap targets of the page as it is now. */
async function checkPage(page: Page, what: string, locale: Locale): Promise<string[]> {
  return [
    ...(await languageProblems(page, what, locale)),
    ...(await seriousViolations(page, what)),
    ...(await sidewaysScroll(page, what)),
    ...(await overflowProblems(page, what)),
    ...(await tapTargetProblems(page, what)),
  ];
}

test("two-factor: enrolment gate for the first admin, authenticator app, passkeys, step-up, recovery code", async ({
  newContext,
}) => {
  test.setTimeout(limit(120_000));
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const data = path.join(DIR, "data");
  // One worker: a quicker start, and this spec sends one browser's requests.
  const portal = startPortal(data, PORT, path.join(DIR, "portal.log"), {
    MINIPORTAL_BASE_URL: ORIGIN,
    MINIPORTAL_WORKERS: "1",
  });
  const problems: string[] = [];
  try {
    await waitUntilReady(portal);
    const invite = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]+)/.exec(portal.log())?.[1];
    expect(invite, "npm start prints the first admin's invite").toMatch(/^http:\/\/localhost:/);

    const context = await newContext({ baseURL: ORIGIN, viewport: PHONE, locale: BROWSER_LOCALE.en });
    const page = await context.newPage();
    await withAuthenticator(context, page);

    // The first admin's one-time link leads through enrolment; nothing else opens until then.
    await page.goto(invite!);
    await choosePassword(page, PASSWORD);
    await expect(page).toHaveURL(/\/account\/two-factor$/);
    await expect(page.getByText(/Admins must have a second factor/)).toBeVisible();
    problems.push(...(await checkPage(page, "enrolment (en)", "en")));
    await page.goto("/admin/students");
    await expect(page).toHaveURL(/\/account\/two-factor$/);

    // An authenticator app: QR code and key, confirmed by one code computed here.
    // Named by the admin: a default name would be English text on the Spanish page below.
    await page.getByLabel("Name of this authenticator").fill("Aegis");
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    await page.getByLabel("Code shown by the app").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    await expect(page.getByText("Authenticator app turned on.")).toBeVisible();
    const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    expect(codes).toHaveLength(10);
    await page.getByRole("link", { name: "Continue to the portal" }).click();
    await expect(page).toHaveURL(/\/admin\/students$/);

    // A passkey, registered by the virtual authenticator.
    await page.goto("/account/two-factor");
    await page.getByLabel("Name of this passkey").fill("Laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await expect(page.getByText("Passkey added.")).toBeVisible();
    await page.reload();
    // The page was checked in English while enrolling, and is in Spanish below with its factors.
    await expect(page.getByTestId("factor-list").locator("li")).toHaveCount(2);

    // Passwordless: the passkey alone (discoverable, user verified).
    await context.clearCookies();
    await page.goto("/login");
    problems.push(...(await checkPage(page, "sign-in with passkey (en)", "en")));
    await page.getByRole("button", { name: "Use a passkey instead" }).click();
    await expect(page).toHaveURL(/\/admin\/students$/);

    // Password, then the passkey as the second step.
    await context.clearCookies();
    await page.goto("/login");
    await page.getByLabel("Email").fill(await adminEmail(data));
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/login\/second-factor$/);
    problems.push(...(await checkPage(page, "second step (en)", "en")));
    await page.goto("/admin/students");
    await expect(page).toHaveURL(/\/login\/second-factor$/);
    await page.getByRole("button", { name: "Use my passkey" }).click();
    await expect(page).toHaveURL(/\/admin\/students$/);

    // Step-up: the last check made old, a gradebook export asks again (authenticator code), then goes back.
    await withDataDirDb(data, (db) =>
      db.sessionFactor.updateMany({ data: { verifiedAt: new Date(Date.now() - 16 * 60_000) } }),
    );
    await page.goto("/admin/gradebook/export");
    await expect(page).toHaveURL(/\/login\/second-factor\?next=%2Fadmin%2Fgradebook$/);
    await expect(page.getByText(/This action needs a recent check/)).toBeVisible();
    await page.getByLabel("Code from your authenticator app").fill(await nextCode(secret));
    await page.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/gradebook$/);

    // Removing the passkey: the password, and the other sessions end.
    await page.goto("/account/two-factor");
    await page.getByText("Remove Laptop").click();
    const remove = page.getByRole("form", { name: "Remove Laptop" });
    await remove.getByLabel("Your password").fill(PASSWORD);
    await remove.getByRole("button", { name: "Remove" }).click();
    await expect(page).toHaveURL(/\/account\/two-factor\?done=removed$/);
    await expect(page.getByText("Removed. Your other sessions were signed out.")).toBeVisible();
    await expect(page.getByTestId("factor-list").locator("li")).toHaveCount(1);

    // In Spanish: the second step with a recovery code, and the two-factor page.
    const es = await newContext({ baseURL: ORIGIN, viewport: PHONE, locale: BROWSER_LOCALE.es });
    const spanish = await es.newPage();
    await spanish.goto("/login");
    problems.push(...(await checkPage(spanish, "sign-in with passkey (es)", "es")));
    await spanish.getByLabel("Correo electrónico").fill(await adminEmail(data));
    await spanish.getByLabel("Contraseña").fill(PASSWORD);
    await spanish.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
    await expect(spanish).toHaveURL(/\/login\/second-factor$/);
    problems.push(...(await checkPage(spanish, "second step (es)", "es")));
    await spanish.getByLabel("Código de recuperación").fill(codes[0]!);
    await spanish.getByRole("button", { name: "Usar código de recuperación" }).click();
    await expect(spanish.getByText("Te quedan 9 códigos.", { exact: false })).toBeVisible();
    await spanish.getByRole("link", { name: "Continuar al portal" }).click();
    await expect(spanish).toHaveURL(/\/admin\/students$/);
    await spanish.goto("/account/two-factor");
    problems.push(...(await checkPage(spanish, "two-factor page (es)", "es")));

    // Audited.
    const actions = await withDataDirDb(data, async (db) =>
      (await db.eventLog.findMany({ where: { action: { startsWith: "second_factor." } } })).map((e) => e.action),
    );
    expect(new Set(actions)).toEqual(
      new Set([
        "second_factor.added",
        "second_factor.succeeded",
        "second_factor.step_up",
        "second_factor.removed",
        "second_factor.recovery_used",
      ]),
    );
    // Never logged: the authenticator's secret, its codes, the recovery codes.
    const log = portal.log();
    for (const secretText of [secret, ...codes]) expect(log).not.toContain(secretText);
    expect(problems).toEqual([]);
  } finally {
    portal.child.kill("SIGTERM");
    await portal.exited;
  }
});

async function adminEmail(dataDir: string): Promise<string> {
  return withDataDirDb(dataDir, async (db) => (await db.user.findFirstOrThrow({ where: { role: "admin" } })).email);
}
