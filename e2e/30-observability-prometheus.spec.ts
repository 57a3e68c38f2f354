// A real Prometheus (Debian package) on loopback, configured from
// ops/prometheus/prometheus.local.yml, scrapes the running portal with the bearer
// token; the PromQL of the design note's three dashboard panels returns data.
import type { Page } from "@playwright/test";
import { startLocalPrometheus } from "../tests/ops/prometheus-local";
import {
  ADMIN_PASSWORD,
  STUDENT_PASSWORD,
  adminEmail,
  choosePassword,
  inviteStudent,
  signIn,
  uniqueEmail,
} from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { noteEditor } from "./support/note-editor";
import { E2E_PORT, PLANTED } from "./support/server-config";
import { limit } from "./support/time-limits";

const PANELS = {
  latencyP50: "histogram_quantile(0.50, sum by (le) (rate(portal_request_duration_seconds_bucket[1m])))",
  latencyP95: "histogram_quantile(0.95, sum by (le) (rate(portal_request_duration_seconds_bucket[1m])))",
  latencyP99: "histogram_quantile(0.99, sum by (le) (rate(portal_request_duration_seconds_bucket[1m])))",
  loginSuccess: 'sum(rate(portal_login_attempts_total{ok="true"}[5m])) / sum(rate(portal_login_attempts_total[5m]))',
  invitesPerDay: 'sum(increase(portal_invite_redemptions_total{ok="true"}[24h]))',
  vaultP95: "histogram_quantile(0.95, rate(portal_vault_decrypt_seconds_bucket[1m]))",
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function writeAndReread(page: Page): Promise<void> {
  await page.goto("/phase/02/notes");
  const editor = noteEditor(page);
  await editor.fill("scraped journal entry");
  await editor.press("ControlOrMeta+s");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
}

test("Prometheus scrapes /metrics and the three dashboard panels return data", async ({
  adminPage: admin,
  newContext,
}) => {
  test.setTimeout(limit(120_000));
  const prom = await startLocalPrometheus({ target: `127.0.0.1:${E2E_PORT}`, token: PLANTED.metricsToken });
  try {
    const up = await prom.waitFor('up{job="miniportal"} == 1');
    expect(up[0]?.metric.service).toBe("miniportal");

    // Traffic spread over several 1 s scrapes, each counter moving after its
    // series is first scraped, so every rate() and increase() has something to see.
    const stranger = await (await newContext()).newPage();
    await signIn(stranger, "nobody@example.org", "a wrong passphrase for nobody");
    await expect(stranger.getByText(/do not match an active account/)).toBeVisible();
    await pause(1500);
    // An invite redeemed through the page (the redemption counter moves).
    const student = await (await newContext()).newPage();
    await student.goto(await inviteStudent(admin, "Scraped Student", uniqueEmail("scraped")));
    await choosePassword(student, STUDENT_PASSWORD);
    await expect(student).toHaveURL(/\/me$/);
    await writeAndReread(student);
    for (let i = 0; i < 5; i++) {
      await student.reload(); // each view decrypts the note
      await pause(700);
    }
    // Logins both ways, twice, a scrape apart: each series moves after it exists.
    for (let i = 0; i < 2; i++) {
      await signIn(stranger, "nobody@example.org", "another wrong passphrase");
      await expect(stranger.getByText(/do not match an active account/)).toBeVisible();
      await admin.context().clearCookies();
      await signIn(admin, adminEmail()!, ADMIN_PASSWORD);
      await expect(admin).toHaveURL(/\/admin\/students$/);
      await pause(1500);
    }

    const value = async (expr: string) => Number((await prom.waitFor(expr, 30_000))[0]!.value[1]);
    for (const q of ["latencyP50", "latencyP95", "latencyP99"] as const) {
      const v = await value(`${PANELS[q]} > 0`);
      console.log(`${q}: ${(v * 1000).toFixed(1)} ms`);
      expect(v).toBeLessThanOrEqual(5);
    }
    const success = await value(`${PANELS.loginSuccess} > 0 < 1`);
    console.log(`login success rate: ${success.toFixed(3)}`);
    expect(await value(`${PANELS.invitesPerDay} > 0`)).toBeGreaterThan(0);
    const vault = await value(`${PANELS.vaultP95} > 0`);
    console.log(`vault decrypt p95: ${(vault * 1000).toFixed(2)} ms`);
    expect(vault).toBeLessThanOrEqual(0.05);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- prometheus ---\n${prom.logs()}`);
  } finally {
    await prom.stop();
  }
});
