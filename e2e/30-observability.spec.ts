// Observability against the real `next build` + `next start`: exact request
// counts by route template (pages, server actions, proxy redirects, 404, a thrown
// 500), login and invite counters, in-flight at rest, /metrics auth and promtool,
// request ids and request.completed lines, and the /admin/ops page.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { choosePassword, inviteStudent, signIn, uniqueEmail } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import {
  type Sample,
  counterValue,
  delta,
  parsePrometheusText,
  scrapeMetrics,
  scrapeMetricsText,
} from "./support/metrics";
import { E2E_LOG_FILE } from "./support/server-config";

const DURATION = "portal_request_duration_seconds_count";
const anonymous = () => ({ maxRedirects: 0, failOnStatusCode: false });

function logLines(): Record<string, unknown>[] {
  return readFileSync(E2E_LOG_FILE, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
const completedLine = (requestId: string) =>
  logLines().find((l) => l.event === "request.completed" && l.request_id === requestId);

/** Every request counted (all routes), to prove nothing is counted twice. */
const allRequests = (samples: Sample[]) => counterValue(samples, DURATION);

test("/metrics needs the bearer token, passes promtool, and has every family of the contract", async ({ request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  expect(
    (await request.get("/metrics", { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status(),
  ).toBe(401);
  const text = await scrapeMetricsText(request);

  const promtool = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  expect(`${promtool.stdout}${promtool.stderr}`).toBe("");
  expect(promtool.status).toBe(0);

  for (const [family, type] of [
    ["portal_request_duration_seconds", "histogram"],
    ["portal_requests_in_flight", "gauge"],
    ["portal_server_errors_total", "counter"],
    ["portal_login_attempts_total", "counter"],
    ["portal_invite_redemptions_total", "counter"],
    ["portal_csrf_blocks_total", "counter"],
    ["portal_ratelimit_blocks_total", "counter"],
    ["portal_vault_decrypt_seconds", "histogram"],
    ["process_cpu_seconds_total", "counter"],
    ["nodejs_eventloop_lag_seconds", "gauge"],
  ]) {
    expect(text, family).toContain(`# TYPE ${family} ${type}`);
  }
  const les = (name: string) => [
    ...new Set(
      parsePrometheusText(text)
        .filter((s) => s.name === `${name}_bucket`)
        .map((s) => s.labels.le),
    ),
  ];
  expect(les("portal_request_duration_seconds")).toEqual([
    "0.01",
    "0.025",
    "0.05",
    "0.1",
    "0.25",
    "0.5",
    "1",
    "2.5",
    "5",
    "+Inf",
  ]);
  expect(les("portal_vault_decrypt_seconds")).toEqual([
    "0.0005",
    "0.001",
    "0.0025",
    "0.005",
    "0.01",
    "0.025",
    "0.05",
    "+Inf",
  ]);
  // Route labels are templates or "unmatched", never raw paths.
  for (const s of parsePrometheusText(text).filter((x) => x.labels.route))
    expect(s.labels.route).toMatch(/^(unmatched|\/[A-Za-z0-9/_\-[\].]*)$/);
  expect(text).not.toMatch(/route="\/phase\/\d/);
});

test("each request is counted once under its template: pages, proxy redirects, 404, a thrown 500", async ({
  adminPage: admin,
  newStudent,
  request,
}) => {
  const student = await newStudent("Metrics Student");
  await student.page.close(); // no browser traffic (prefetches) while counting
  await admin.close();
  const asStudent: APIRequestContext = student.context.request;
  await new Promise((r) => setTimeout(r, 1000));

  const N = 7;
  const before = await scrapeMetrics(request);
  const statuses: number[] = [];
  for (let i = 0; i < N; i++) statuses.push((await asStudent.get("/phase/13/notes", anonymous())).status());
  const redirect = await request.get("/me", anonymous()); // blocked in proxy.ts: no session cookie
  const missing = await request.get("/definitely/not/a/page", anonymous());
  const thrown = await request.get("/test-support/server-error", anonymous());
  const after = await scrapeMetrics(request);
  console.log(`/phase/13/notes answered ${statuses.join(",")}`);

  expect(delta(before, after, DURATION, { route: "/phase/[nn]/notes", method: "GET" })).toBe(N);
  expect(redirect.status()).toBe(307);
  expect(delta(before, after, DURATION, { route: "/me", method: "GET", status: "307" })).toBe(1);
  expect(missing.status()).toBe(404);
  expect(delta(before, after, DURATION, { route: "unmatched", method: "GET", status: "404" })).toBe(1);
  expect(thrown.status()).toBe(500);
  expect(delta(before, after, DURATION, { route: "/test-support/server-error", method: "GET", status: "500" })).toBe(1);
  expect(
    delta(before, after, "portal_server_errors_total", {
      route: "/test-support/server-error",
      method: "GET",
      status: "500",
    }),
  ).toBe(1);
  // Nothing else was counted: no internal re-dispatch, no double count, /metrics not counted.
  expect(allRequests(after) - allRequests(before)).toBe(N + 3);
  expect(counterValue(after, "portal_requests_in_flight")).toBe(0);

  // The thrown 500 is logged at error, by template, under the id the client saw.
  const id = thrown.headers()["x-request-id"]!;
  await expect
    .poll(() => completedLine(id))
    .toMatchObject({ level: "error", route: "/test-support/server-error", status: 500, method: "GET" });
});

/**
 * The browser may render an action's result before the server has closed the
 * response (and counted it), so wait for the counters to settle, then demand
 * exact values.
 */
async function settled(
  request: APIRequestContext,
  before: Sample[],
  expected: [string, Record<string, string>, number][],
): Promise<Sample[]> {
  let after: Sample[] = [];
  await expect
    .poll(async () => {
      after = await scrapeMetrics(request);
      return expected.map(([name, labels]) => delta(before, after, name, labels));
    })
    .toEqual(expected.map(([, , n]) => n));
  return after;
}

async function loginAttempt(page: Page, email: string, password: string): Promise<string> {
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
  );
  await signIn(page, email, password);
  return (await response).headers()["x-request-id"]!;
}

test("server action POSTs are counted; login and invite counters move by one per attempt", async ({
  adminPage: admin,
  newContext,
  request,
}) => {
  // The invite is redeemed by hand here: its two attempts are what this test counts.
  const email = uniqueEmail("counted");
  const link = await inviteStudent(admin, "Counted Student", email);
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(link);

  let before = await scrapeMetrics(request);
  await choosePassword(page, "too short pw");
  await expect(page.getByText(/Use at least 15 characters/)).toBeVisible();
  let after = await settled(request, before, [
    ["portal_invite_redemptions_total", { ok: "false" }, 1],
    ["portal_invite_redemptions_total", { ok: "true" }, 0],
    [DURATION, { route: "/invite/[token]", method: "POST" }, 1],
  ]);

  before = after;
  const password = "counted student passphrase PLANTED-pw-5514";
  await choosePassword(page, password);
  await expect(page).toHaveURL(/\/me$/);
  after = await settled(request, before, [
    ["portal_invite_redemptions_total", { ok: "true" }, 1],
    ["portal_invite_redemptions_total", { ok: "false" }, 0],
    [DURATION, { route: "/invite/[token]", method: "POST" }, 1],
  ]);
  await context.clearCookies();

  before = await scrapeMetrics(request);
  const failedId = await loginAttempt(page, email, "not the right passphrase at all");
  await expect(page.getByText(/do not match an active account/)).toBeVisible();
  after = await settled(request, before, [
    ["portal_login_attempts_total", { ok: "false" }, 1],
    ["portal_login_attempts_total", { ok: "true" }, 0],
    [DURATION, { route: "/login", method: "POST" }, 1],
  ]);

  before = after;
  const okId = await loginAttempt(page, email, password);
  await expect(page).toHaveURL(/\/me$/);
  await settled(request, before, [
    ["portal_login_attempts_total", { ok: "true" }, 1],
    ["portal_login_attempts_total", { ok: "false" }, 0],
    [DURATION, { route: "/login", method: "POST" }, 1],
  ]);

  // Named events carry the id of the request that caused them.
  await expect
    .poll(() => logLines().find((l) => l.event === "login.failed" && l.request_id === failedId))
    .toMatchObject({ level: "warn", reason: "bad_password" });
  await expect
    .poll(() => logLines().find((l) => l.event === "login.succeeded" && l.request_id === okId))
    .toMatchObject({ level: "info" });
  expect(completedLine(failedId)).toMatchObject({ route: "/login", method: "POST", student_id: null });
  // The successful action redirects: Next renders /me by fetching it from itself
  // with the same headers. That is part of this request, not a second one.
  await expect.poll(() => completedLine(okId)).toMatchObject({ route: "/login", method: "POST", status: 200 });
  expect(logLines().filter((l) => l.event === "request.completed" && l.request_id === okId)).toHaveLength(1);
  expect(logLines().filter((l) => l.event === "request.forwarded" && l.request_id === okId)).toEqual([
    expect.objectContaining({ route: "/me" }),
  ]);
});

test("request ids: a valid one is kept and echoed, a bad one replaced; lines carry the verified user", async ({
  adminPage: admin,
  newStudent,
  request, // signed out: its lines carry no user
}) => {
  const kept = await request.get("/login", { headers: { "x-request-id": "e2e-obs-kept-0001" } });
  expect(kept.headers()["x-request-id"]).toBe("e2e-obs-kept-0001");
  for (const bad of ["short", "bad id with spaces", "x".repeat(200), "<svg/onload=1>"]) {
    const replaced = (await request.get("/login", { headers: { "x-request-id": bad } })).headers()["x-request-id"];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  }
  await expect
    .poll(() => completedLine("e2e-obs-kept-0001"))
    .toMatchObject({
      level: "info",
      route: "/login",
      method: "GET",
      status: 200,
      student_id: null,
      latency_ms: expect.any(Number),
    });

  const student = await newStudent("Logged Student");
  const me = await student.context.request.get("/me", { headers: { "x-request-id": "e2e-obs-student-0001" } });
  expect(me.status()).toBe(200);
  await expect.poll(() => completedLine("e2e-obs-student-0001")?.student_id).toEqual(expect.any(String));

  // Security events are warnings: a 401 on /metrics.
  const denied = await admin.request.get("/metrics", { headers: { "x-request-id": "e2e-obs-denied-0001" } });
  expect(denied.status()).toBe(401);
  await expect
    .poll(() => completedLine("e2e-obs-denied-0001"))
    .toMatchObject({ level: "warn", status: 401, route: "/metrics" });
});

test("/admin/ops shows latency percentiles, login success, invites and vault p95 to admins only", async ({
  adminPage: admin,
  newStudent,
  newContext,
}) => {
  await admin.getByRole("link", { name: "Health", exact: true }).click();
  await expect(admin).toHaveURL(/\/admin\/ops$/);
  await expect(admin.getByRole("heading", { name: "Service health" })).toBeVisible();
  const chart = admin.getByTestId("latency-chart");
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAttribute("aria-label", /Request latency percentiles\. Latest minute: p50 \d/);
  await expect(chart.locator('path[data-series="p95"]')).toHaveAttribute("d", /^M/);
  // A rate over fewer than 20 sign-ins in the window is "Not enough data" (lib/admin/ops-sample.ts).
  await expect(admin.getByTestId("stat-login")).toContainText(/Login success\s*(\d+(\.\d)? %|Not enough data)/);
  await expect(admin.getByTestId("stat-invites")).toContainText(/Invite redemptions\s*\d+/);
  await expect(admin.getByTestId("stat-vault")).toContainText("Vault decrypt p95");
  await expect(admin.getByTestId("stat-inflight")).toContainText(/[1-9]/);

  const student = await newStudent("Curious Student");
  expect((await student.page.goto("/admin/ops"))?.status()).toBe(404);
  const anonPage = await (await newContext()).newPage();
  await anonPage.goto("/admin/ops");
  await expect(anonPage).toHaveURL(/\/login$/);
});
