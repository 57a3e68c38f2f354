import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL } from "./e2e/support/server-config";
import { limit } from "./e2e/support/time-limits";

// Debian's Chromium: Playwright cannot download its own browsers here.
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const inCi = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Two workers, each with a portal of its own (e2e/support/server-config.ts: a slot per
  // worker, started by global setup); a spec file stays in one worker, in its own order.
  workers: Number(process.env.E2E_WORKERS || 2),
  fullyParallel: false,
  // One retry in CI, recorded as a trace; a test that passes only on retry is reported as flaky.
  retries: inCi ? 1 : 0,
  // Stretched in CI, where the specs share two cores with other suites (time-limits.ts).
  timeout: limit(60_000),
  expect: { timeout: limit(10_000) },
  reporter: [["list"]],
  // Playwright empties its output folder when it starts: its own, not test-results/ as a
  // whole, where the run's build (test-results/app) and the Vitest reports live.
  outputDir: "test-results/e2e-output",
  globalSetup: "./e2e/support/global-setup.ts",
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    // Each worker's own portal (the slot's port; TEST_PARALLEL_INDEX is set in workers).
    baseURL: E2E_BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Every portal is up; after all the specs, the privacy check reads everything they emitted.
    { name: "setup", testMatch: "setup/**/*.setup.ts", teardown: "privacy" },
    { name: "privacy", testMatch: "teardown/**/*.teardown.ts", use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      testIgnore: ["phone/**", "setup/**", "teardown/**"],
      dependencies: ["setup"],
    },
    // Phone-only behaviour (e2e/phone) at 390 px: the header menu, wide content.
    {
      name: "phone",
      use: { ...devices["Desktop Chrome"], viewport: { width: 390, height: 844 } },
      testMatch: "phone/**/*.spec.ts",
      dependencies: ["setup"],
    },
  ],
});
