// Operations against the real portal (npm start, port 3210): the post-deploy
// synthetic check, a bounded load-test smoke run, and every PromQL expression
// of the Grafana dashboard evaluated by a real Prometheus scraping the portal.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { unknownSessionCookie } from "./support/seed";
import { E2E_APP_DIR, E2E_BASE_URL, E2E_DIR, E2E_ENV, E2E_PORT, PLANTED } from "./support/server-config";
import { DASHBOARD_JSON, readJson } from "../tests/ops/helpers";
import { freePort, startLocalPrometheus } from "../tests/ops/prometheus-local";
import { limit } from "./support/time-limits";

const tsx = path.join(E2E_APP_DIR, "node_modules/tsx/dist/cli.mjs");

/**
 * Runs a script the way `npm run <name> -- args` does, with the portal's configuration,
 * from the portal's own tree (the load test reads server action ids from its build).
 */
function runScript(
  script: string,
  args: string[],
  timeoutMs = 120_000,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
      cwd: E2E_APP_DIR,
      env: { ...process.env, ...E2E_ENV, MINIPORTAL_LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}

test.describe.configure({ mode: "serial" });

test.describe("synthetic check", () => {
  test("passes every check against the running portal with its metrics token", async () => {
    const run = await runScript("synthetic-check", [E2E_BASE_URL, "--token", PLANTED.metricsToken]);
    expect(run.status, run.out).toBe(0);
    for (const check of [
      "health",
      "migrations applied",
      "metrics without token",
      "metrics with token",
      "404 page",
      "login page",
    ]) {
      expect(run.out).toMatch(new RegExp(`^✓ ${check}: `, "m"));
    }
    expect(run.out).toContain("✓ metrics without token: 401");
    expect(run.out).toContain("PASS: 6 checks passed");
  });

  test("fails with one clear line per problem and a non-zero exit", async () => {
    const wrongToken = await runScript("synthetic-check", [E2E_BASE_URL, "--token", "not-the-metrics-token-at-all"]);
    expect(wrongToken.status).toBe(1);
    expect(wrongToken.out).toMatch(/^✗ metrics with token: expected 200 with the token, got 401 \(wrong token\?\)$/m);
    expect(wrongToken.out).toMatch(/^✓ login page: /m);
    expect(wrongToken.out).toContain("FAIL: 1 of 6 checks failed");

    const nothing = await runScript("synthetic-check", [`http://127.0.0.1:${await freePort()}`]);
    expect(nothing.status).toBe(1);
    expect(nothing.out).toMatch(/^✗ health: request failed: ECONNREFUSED$/m);
    expect(nothing.out).toMatch(/^✗ login page: request failed: ECONNREFUSED$/m);
  });
});

type Panel = { title: string; type: string; targets?: { refId: string; expr: string }[] };

test("load test smoke run, then every dashboard query returns data from a real Prometheus", async ({
  request,
  page,
}) => {
  test.setTimeout(limit(240_000));
  const prom = await startLocalPrometheus({ target: `127.0.0.1:${E2E_PORT}`, token: PLANTED.metricsToken });
  try {
    await prom.waitFor('up{job="miniportal"} == 1');

    // Traffic the students do not make (5-minute windows): a failed sign-in, a 500, a CSRF block and a rate-limit block.
    await page.goto("/login");
    await page.getByLabel("Email").fill("nobody-ops-spec@example.org");
    await page.getByLabel("Password").fill("not the password of anyone here");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password do not match an active account.")).toBeVisible();
    expect((await request.get("/test-support/server-error")).status()).toBe(500);
    expect(
      (await request.post("/login", { headers: { origin: "https://evil.example" }, maxRedirects: 0 })).status(),
    ).toBe(403);
    const junkSession = await unknownSessionCookie("ops-spec");
    let limited = 0;
    for (let i = 0; i < 130 && !limited; i++) {
      // Any unsafe request with a session cookie spends a write point; an unknown path is the cheapest.
      const res = await request.post("/ops-spec-write-limit", {
        headers: { origin: E2E_BASE_URL, cookie: junkSession },
        maxRedirects: 0,
      });
      if (res.status() === 429) limited++;
    }
    expect(limited, "the per-session write limit answered 429").toBe(1);

    // Then simulated students (invite, sign-in, dashboard, journal, review, exam): last, so their
    // requests and vault decrypts are inside the 1-minute windows of the latency panels.
    const out = path.join(E2E_DIR, "loadtest", "smoke.html");
    const load = await runScript("loadtest", [
      "--students",
      "3",
      "--duration",
      "15s",
      "--think-ms",
      "200",
      "--base-url",
      E2E_BASE_URL,
      "--token",
      PLANTED.metricsToken,
      "--out",
      out,
    ]);
    const summary = JSON.parse(readFileSync(out.replace(/\.html$/, ".json"), "utf8")) as {
      requests: number;
      failures: unknown[];
      lostSaves: string[];
      unverifiedSaves: string[];
      acknowledgedSaves: number;
      flows: Record<string, number>;
      verdicts: { name: string; pass: boolean }[];
      server: { requests: number } | null;
    };
    expect(summary.failures, load.out).toEqual([]);
    expect(summary.flows).toMatchObject({ redeemed: 3 });
    for (const flow of ["logins", "saves", "grades", "exams"])
      expect(summary.flows[flow], `${flow}\n${load.out}`).toBeGreaterThan(0);
    expect(summary.acknowledgedSaves).toBeGreaterThan(0);
    expect(summary.lostSaves).toEqual([]);
    expect(summary.unverifiedSaves).toEqual([]);
    expect(summary.server?.requests).toBeGreaterThanOrEqual(summary.requests);
    expect(summary.verdicts.map((v) => v.name)).toEqual([
      "login p95",
      "/me p99",
      "invite success",
      "error ratio (5xx)",
    ]);
    expect(
      summary.verdicts
        .filter((v) => v.name === "invite success" || v.name.startsWith("error ratio"))
        .every((v) => v.pass),
      load.out,
    ).toBe(true);
    // Latency verdicts depend on the machine; the exit code says FAIL only because of them.
    const failing = summary.verdicts.filter((v) => !v.pass).map((v) => v.name);
    expect(
      failing.every((n) => n === "login p95" || n === "/me p99"),
      load.out,
    ).toBe(true);
    expect(load.status, load.out).toBe(failing.length ? 1 : 0);
    expect(load.out).toMatch(/^(PASS|FAIL) login p95 < 500 ms: server \d+ ms, client \d+ ms$/m);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).toMatch(/aria-label="Latency of every request over time"/);

    const dashboard = readJson<{ panels: Panel[] }>(DASHBOARD_JSON);
    const targets = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })));
    expect(targets.length).toBeGreaterThan(10);
    const empty: string[] = [];
    for (const t of targets) {
      const expr = t.expr.replace(/\$__(rate_interval|interval|range)|\$\{__(rate_interval|interval|range)\}/g, "1m");
      try {
        const result = await prom.waitFor(expr, 30_000);
        expect(result.every((r) => Number.isFinite(Number(r.value[1])) || r.value[1] === "NaN")).toBe(true);
      } catch {
        empty.push(`${t.panel} ${t.refId}: ${t.expr}`);
      }
    }
    expect(empty, "every panel query returns data").toEqual([]);
  } finally {
    await prom.stop();
  }
});

test("backs up the running portal online, and refuses to restore under it", async ({ request }) => {
  const backup = await runScript("backup", ["--keep", "3"]);
  expect(backup.status, backup.out).toBe(0);
  expect(backup.out).toMatch(/✓ verified: integrity_check ok, \d+ rows match the source/);
  const file = backup.out.trim().split("\n").at(-1)!;
  expect(file).toMatch(/\/backups\/miniportal-[\dT:.-]+Z\.db$/);

  const restore = await runScript("restore", [file, "--yes"]);
  expect(restore.status).toBe(1);
  expect(restore.out).toContain("The portal is still running, so restoring now would lose its writes");
  expect(restore.out).toMatch(/process \d+ has the database open/);
  expect(restore.out).toContain(`a Miniportal answers http://127.0.0.1:${E2E_PORT}/health`);
  expect((await request.get("/health")).status()).toBe(200);
});

test("the load test refuses a base URL that is not loopback", async () => {
  const run = await runScript("loadtest", [
    "--students",
    "1",
    "--duration",
    "5s",
    "--base-url",
    "http://192.0.2.10:3000",
  ]);
  expect(run.status).toBe(1);
  expect(run.out).toContain("Refusing to load-test http://192.0.2.10:3000: the load test only runs against loopback");
});
