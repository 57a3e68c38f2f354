// Choosing the interface language: the header switcher (signed out and in), the
// account's preference winning over the browser, "follow my browser", and the
// operator's view (logs, metrics, spans, audit codes) staying language-neutral.
import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/accounts";
import { catalogueMessages } from "./support/i18n";
import { scrapeMetricsText } from "./support/metrics";
import { E2E_BASE_URL, E2E_LOG_FILE, E2E_SPANS_FILE } from "./support/server-config";
import es from "../messages/es/common.json" with { type: "json" };

const lang = (page: import("@playwright/test").Page) => page.locator("html").getAttribute("lang");

test("a signed-out visitor switches language in the header and the choice sticks to this browser", async ({
  newContext,
}) => {
  const context = await newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/login");
  expect(await lang(page)).toBe("en");
  await page.getByLabel("Language").selectOption("es");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("link", { name: es.skipToContent })).toBeAttached();
  await page.reload();
  expect(await lang(page)).toBe("es");

  // Another browser follows its own Accept-Language; a forged cookie value is ignored.
  const spanish = await newContext({ locale: "es-MX" });
  const other = await spanish.newPage();
  await other.goto("/login");
  expect(await lang(other)).toBe("es");
  await spanish.addCookies([{ name: "miniportal_locale", value: "xx", url: E2E_BASE_URL }]);
  await other.reload();
  expect(await lang(other)).toBe("es");
});

test("the account's language wins over the browser on every device, until it follows the browser again", async ({
  student,
  newContext,
}) => {
  const page = student.page;
  await page.goto("/account");
  await page.getByRole("radio", { name: "Español" }).check();
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByRole("status").filter({ hasText: es.locale.saved })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  // A second device with an English browser and no cookie: Spanish after sign-in.
  const laptop = await newContext({ locale: "en-GB" });
  const second = await laptop.newPage();
  await signIn(second, student.email, student.password);
  await expect(second).toHaveURL(/\/me$/);
  expect(await lang(second)).toBe("es");

  // The header switcher changes the account's choice too.
  await second.getByLabel(es.locale.label).selectOption("en");
  await expect(second.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  expect(await lang(page)).toBe("en");

  // "Follow my browser": this browser (en-US in the fixture) decides again.
  await page.goto("/account");
  await page.getByRole("radio", { name: "Follow my browser's language" }).check();
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Language saved." })).toBeVisible();
  const phone = await newContext({ locale: "es-ES" });
  const third = await phone.newPage();
  await signIn(third, student.email, student.password);
  await expect(third).toHaveURL(/\/me$/);
  expect(await lang(third)).toBe("es");
});

test("logs, metrics, spans and audit actions stay language-neutral when the portal speaks Spanish", async ({
  adminPage,
  newContext,
  request,
}) => {
  const context = await newContext({ locale: "es-ES" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Language").or(page.getByLabel(es.locale.label)).waitFor();
  // A failed Spanish sign-in writes a log line, a metric, spans and an audit row.
  const spansLength = () => (existsSync(E2E_SPANS_FILE) ? readFileSync(E2E_SPANS_FILE, "utf8").length : 0);
  const spansBefore = spansLength();
  await page.locator('input[name="email"]').fill("nadie@example.org");
  await page.locator('input[name="password"]').fill("una contraseña equivocada");
  await page.locator('main form button[type="submit"]').click();
  await expect(page.getByRole("status")).not.toBeEmpty();
  await expect.poll(spansLength, { message: "the sign-in's spans were exported" }).toBeGreaterThan(spansBefore);

  // Sentences only: short words ("Panel", "Repaso") could be anything in a log.
  const spanishSentences = [...catalogueMessages("es").values()].filter((s) => s.length >= 12);
  const haystacks = {
    "server log": readFileSync(E2E_LOG_FILE, "utf8"),
    "/metrics": await scrapeMetricsText(request),
    spans: readFileSync(E2E_SPANS_FILE, "utf8"),
  };
  const found = Object.entries(haystacks).flatMap(([where, text]) =>
    spanishSentences.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`),
  );
  expect(found).toEqual([]);
  expect(/[^\x00-\x7f]/.test(haystacks["/metrics"])).toBe(false);

  // The audit log names actions by code, whatever language the actor spoke.
  await adminPage.goto("/admin/audit?action=login.failed");
  await expect(adminPage.getByRole("cell", { name: "login.failed" }).first()).toBeVisible();
});
