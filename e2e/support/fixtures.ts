// The `test` every spec imports: Playwright's, extended with signed-in pages (as
// vercel/ai-chatbot's e2e fixtures do). The admin's session is saved once per slot
// and students are made through lib/ (e2e/support/accounts.ts, seed.ts); each
// fixture cleans up after the test whether it passed or failed, so no spec
// hand-rolls a sign-in or a context.close() a failure skips.
// A spec signs in by hand only where the sign-in itself is what it observes.
// `uiLocale` picks the language the browser asks for: `test.use({ uiLocale: "es" })`
// makes every page and context of the test (the fixtures', newContext's) speak
// Spanish; `newContext({ locale: BROWSER_LOCALE.es })` makes one context do so.
import { type BrowserContext, type BrowserContextOptions, type Page, test as base, expect } from "@playwright/test";
import { signInAsAdmin, signInNewStudent, type Student } from "./accounts";
import { BROWSER_LOCALE, type Locale } from "./i18n";
import { type Tour, tourOfSlot } from "./tour";
import { limit } from "./time-limits";

export type { Student } from "./accounts";

type Options = {
  /** The interface language the browser asks for (Accept-Language, navigator.language); English by default. */
  uiLocale: Locale;
};

type Fixtures = {
  /** The test's own `page`, signed in as the admin (on /admin/students). */
  adminPage: Page;
  /** A new student, made through lib/ and signed in (on /me), in a browser context of its own. */
  student: Student;
  /** That student's page. */
  studentPage: Page;
  /** Signs in another new student; its context is closed after the test. */
  newStudent: (name?: string) => Promise<Student>;
  /** A fresh, signed-out browser context (a stranger, a cookie replay), closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
};

type WorkerFixtures = {
  /** The pages every role sees, with real content behind them (e2e/support/tour.ts), built once per slot. */
  tour: Tour;
};

export type NewContext = Fixtures["newContext"];

export const test = base.extend<Fixtures & Options, WorkerFixtures>({
  tour: [async ({ browser }, use) => use(await tourOfSlot(browser)), { scope: "worker", timeout: limit(240_000) }],

  uiLocale: ["en", { option: true }],
  // Playwright's own option, which every context of the test (and of its hooks) starts from.
  locale: async ({ uiLocale }, use) => use(BROWSER_LOCALE[uiLocale]),

  newContext: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  adminPage: async ({ page }, use) => {
    await signInAsAdmin(page);
    await use(page);
  },

  newStudent: async ({ newContext }, use) => {
    await use(async (name = "Test Student") => signInNewStudent(await newContext(), name));
  },

  student: async ({ newStudent }, use) => {
    await use(await newStudent());
  },

  studentPage: async ({ student }, use) => {
    await use(student.page);
  },
});

export { expect };
