// Issue 28: which emails a student gets, chosen on /account (English on a desktop,
// Spanish on a phone), and unsubscribing by link without signing in: the page asks
// before it changes anything, and the RFC 8058 one-click POST a mail provider
// sends (its own Origin, no cookie, no CSRF token) is answered 200.
import type { Page } from "@playwright/test";
import { unsubscribeToken, type UnsubscribeScope } from "../lib/mail/unsubscribe";
import { expect, test } from "./support/fixtures";
import { withPortalDb } from "./support/seed";
import { E2E_ENV } from "./support/server-config";

const mailOn = Boolean(E2E_ENV.MINIPORTAL_SMTP_URL);

async function preferencesOf(email: string) {
  return withPortalDb((db) =>
    db.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, mailAnnouncements: true, mailReminders: true, timeZone: true },
    }),
  );
}

/** A link as the portal's emails carry it, signed with this portal's secret. */
async function tokenFor(email: string, scope: UnsubscribeScope): Promise<string> {
  const { id } = await preferencesOf(email);
  return withPortalDb(async () => unsubscribeToken(id, scope));
}

const masked = (email: string) => `${email[0]}…${email.slice(email.indexOf("@"))}`;

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, "the page scrolls sideways").toBeLessThanOrEqual(client);
}

test.describe("in English at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("a student chooses a digest, no reminders and a zone of their own", async ({ student }) => {
    const page = student.page;
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Email", exact: true })).toBeVisible();
    const announcements = page.getByLabel("Announcements", { exact: true });
    const reminders = page.getByLabel("Review reminders", { exact: true });
    const zone = page.getByLabel("Time zone", { exact: true });
    await expect(announcements).toHaveValue("immediately");
    await expect(reminders).toHaveValue("immediately");
    await expect(zone).toHaveValue("");
    await expect(zone.locator("option").first()).toHaveText(/^Cohort default \(.+\)$/);
    await expect(page.getByText("Invitations and password-reset links are always sent")).toBeVisible();
    await expect(page.getByText("Email is turned off on this portal for now.")).toHaveCount(mailOn ? 0 : 1);

    await announcements.selectOption({ label: "Daily digest" });
    await reminders.selectOption({ label: "Never" });
    await zone.selectOption("America/Mexico_City");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Email settings saved." })).toBeVisible();
    // What was saved stays shown after React resets the form, and after a reload.
    await expect(announcements).toHaveValue("daily");
    await page.reload();
    await expect(page.getByLabel("Announcements", { exact: true })).toHaveValue("daily");
    await expect(page.getByLabel("Review reminders", { exact: true })).toHaveValue("never");
    await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("America/Mexico_City");
    expect(await preferencesOf(student.email)).toMatchObject({
      mailAnnouncements: "daily",
      mailReminders: "never",
      timeZone: "America/Mexico_City",
    });
  });
});

test.describe("in Spanish at 390 px", () => {
  test.use({ uiLocale: "es", viewport: { width: 390, height: 844 } });

  test("a student chooses in Spanish on a phone, and back to the cohort's zone", async ({ student }) => {
    const page = student.page;
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Correo electrónico", exact: true })).toBeVisible();
    await page.getByLabel("Anuncios", { exact: true }).selectOption({ label: "Nunca" });
    await page.getByLabel("Recordatorios de repaso", { exact: true }).selectOption({ label: "Resumen diario" });
    await page.getByLabel("Zona horaria", { exact: true }).selectOption("Europe/Madrid");
    await page.getByRole("button", { name: "Guardar preferencias de correo" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Preferencias de correo guardadas." })).toBeVisible();
    await noSidewaysScroll(page);
    expect(await preferencesOf(student.email)).toMatchObject({
      mailAnnouncements: "never",
      mailReminders: "daily",
      timeZone: "Europe/Madrid",
    });

    await page.getByLabel("Zona horaria", { exact: true }).selectOption("");
    await page.getByRole("button", { name: "Guardar preferencias de correo" }).click();
    await expect(page.getByLabel("Zona horaria", { exact: true })).toHaveValue("");
    await expect.poll(async () => (await preferencesOf(student.email)).timeZone).toBeNull();
  });

  test("the unsubscribe page speaks Spanish to a signed-out phone", async ({ student, newContext }) => {
    const token = await tokenFor(student.email, "all");
    const page = await (await newContext()).newPage();
    await page.goto(`/unsubscribe/${token}`);
    await expect(page.getByRole("heading", { name: "Darse de baja" })).toBeVisible();
    await expect(page.getByText(`a ${masked(student.email)}?`)).toBeVisible();
    await noSidewaysScroll(page);
    await page.getByRole("button", { name: "Darme de baja" }).click();
    await expect(page.getByRole("status")).toHaveText(
      `Hecho: ${masked(student.email)} ya no recibirá correos opcionales.`,
    );
  });
});

test("an unsubscribe link works without signing in, and only its button changes anything", async ({
  student,
  newContext,
}) => {
  const token = await tokenFor(student.email, "announcements");
  const stranger = await (await newContext()).newPage(); // a phone that never signed in
  const answer = await stranger.goto(`/unsubscribe/${token}`);
  expect(answer?.status()).toBe(200);
  await expect(stranger.getByText(`Stop announcement emails for ${masked(student.email)}?`)).toBeVisible();
  await expect(stranger.getByText(student.email)).toHaveCount(0); // the address is masked
  expect(await preferencesOf(student.email)).toMatchObject({ mailAnnouncements: "immediately" });

  await stranger.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(stranger.getByRole("status")).toHaveText(
    `Done: no more announcement emails go to ${masked(student.email)}.`,
  );
  await expect(stranger.getByRole("link", { name: "Choose again on your account page" })).toHaveAttribute(
    "href",
    "/account",
  );
  expect(await preferencesOf(student.email)).toMatchObject({
    mailAnnouncements: "never",
    mailReminders: "immediately",
  });

  const forged = await stranger.goto(`/unsubscribe/${token.slice(0, -2)}xx`);
  expect(forged?.status()).toBe(404);
  await expect(stranger.getByTestId("unsubscribe-problem")).toBeVisible();
  await expect(stranger.getByRole("heading", { name: "This unsubscribe link is not valid" })).toBeVisible();
});

test("a mail provider's one-click POST unsubscribes: 200, then the preference is never", async ({
  student,
  playwright,
  baseURL,
}) => {
  const token = await tokenFor(student.email, "reminders");
  // A provider's server: its own Origin, no cookie, no CSRF token, form-encoded (RFC 8058).
  const provider = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: "https://mail.example.net", "sec-fetch-site": "cross-site" },
  });
  try {
    const path = `/unsubscribe/${token}/one-click`;
    const wrong = await provider.post(path, { form: { "List-Unsubscribe": "Something-Else" } });
    expect(wrong.status()).toBe(400);
    expect(await preferencesOf(student.email)).toMatchObject({ mailReminders: "immediately" });

    const done = await provider.post(path, { form: { "List-Unsubscribe": "One-Click" } });
    expect(done.status()).toBe(200);
    expect(await done.text()).toContain("Unsubscribed");
    expect(await preferencesOf(student.email)).toMatchObject({
      mailReminders: "never",
      mailAnnouncements: "immediately",
    });
    expect((await provider.post(path, { multipart: { "List-Unsubscribe": "One-Click" } })).status()).toBe(200);

    const forged = await provider.post(`/unsubscribe/${token.slice(0, -2)}xx/one-click`, {
      form: { "List-Unsubscribe": "One-Click" },
    });
    expect(forged.status()).toBe(404);
    // A browser opening the link is sent to the page, which asks first.
    const opened = await provider.get(path, { maxRedirects: 0 });
    expect(opened.status()).toBe(303);
    expect(opened.headers().location).toBe(`/unsubscribe/${token}`);
  } finally {
    await provider.dispose();
  }
});
