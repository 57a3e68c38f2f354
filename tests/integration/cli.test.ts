// The command-line entry points, run as a user runs them (npm run …).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_AUTH_SECRET, TEST_MASTER_PASS } from "../helpers/test-db";

// No useTestDb: the commands run as separate processes on an empty data dir and
// create and migrate its database themselves, which is what this file checks.
const dir = mkdtempSync(path.join(tmpdir(), "miniportal-cli-"));
const env = {
  ...process.env,
  MINIPORTAL_DATA_DIR: dir,
  AUTH_SECRET: TEST_AUTH_SECRET,
  PORTAL_MASTER_PASS: TEST_MASTER_PASS,
  DATABASE_URL: "",
  PORT: "4123",
};

function npmRun(script: string, ...args: string[]) {
  const result = spawnSync("npm", ["run", "--silent", script, "--", ...args], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

describe("command-line entry points", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("db:migrate applies the migrations once, then reports the database up to date", () => {
    const first = npmRun("db:migrate");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Applied migrations: \d{14}_init/);
    const second = npmRun("db:migrate");
    expect(second.out).toContain("Database is up to date.");
  });

  it("content:import is idempotent", () => {
    const first = npmRun("content:import");
    expect(first.code).toBe(0);
    const second = npmRun("content:import");
    expect(second.out.match(/Imported (\d+) phases: (\d+) cards \(0 retired\)/)?.slice(1)).toEqual(
      first.out.match(/Imported (\d+) phases: (\d+) cards \(0 retired\)/)?.slice(1),
    );
  });

  it("admin:invite prints a link, and explains bad arguments", () => {
    const ok = npmRun("admin:invite", "--email", "ops@example.org", "--name", "Ops Person");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/http:\/\/localhost:4123\/invite\/[A-Za-z0-9_-]{43}/);
    const bad = npmRun("admin:invite", "--email", "not-an-email");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/--email: Enter a valid email address/);
    expect(bad.out).toMatch(/--name/);
    expect(bad.out).toMatch(/Usage: npm run admin:invite/);
  });

  // One run (each costs a process start): the rules and the audit row are in tests/integration/two-factor.test.ts.
  it("admin:reset-2fa resets an account's second factors", () => {
    const ok = npmRun("admin:reset-2fa", "--email", "ops@example.org");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Second factors of ops@example.org reset \(0 removed/);
  });

  it("stops with a message naming the variable when configuration is wrong", () => {
    const result = spawnSync("npm", ["run", "--silent", "db:migrate"], {
      env: { ...env, PORT: "http" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/PORT/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});
