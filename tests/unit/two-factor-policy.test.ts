// The second-factor policy (lib/auth/second-factor/policy.ts) and its settings in lib/env.ts.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { factorStateOf, stepUpDue } from "@/lib/auth/second-factor/policy";
import { parseEnv, resetEnvCache } from "@/lib/env";

const good = { AUTH_SECRET: "s".repeat(40), PORTAL_MASTER_PASS: "m".repeat(20) };
const dir = mkdtempSync(path.join(tmpdir(), "mp-2fa-"));
const parse = (extra: Record<string, string>) =>
  parseEnv({ ...good, MINIPORTAL_DATA_DIR: dir, ...extra } as unknown as NodeJS.ProcessEnv);

describe("second-factor policy", () => {
  afterEach(() => {
    delete process.env.MINIPORTAL_ADMIN_2FA;
    resetEnvCache();
  });

  it("defaults to required with a 15-minute step-up window; a wrong value says what to set", () => {
    expect(parse({})).toMatchObject({ MINIPORTAL_ADMIN_2FA: "required", MINIPORTAL_STEP_UP_MINUTES: 15 });
    expect(() => parse({ MINIPORTAL_ADMIN_2FA: "sometimes" })).toThrow(
      /MINIPORTAL_ADMIN_2FA must be required or optional/,
    );
    expect(() => parse({ MINIPORTAL_STEP_UP_MINUTES: "0" })).toThrow(/MINIPORTAL_STEP_UP_MINUTES/);
  });

  it("session states: pending with a factor, enrolment for a required admin without one, done otherwise", () => {
    Object.assign(process.env, good, { MINIPORTAL_DATA_DIR: dir, MINIPORTAL_ADMIN_2FA: "required" });
    resetEnvCache();
    const at = new Date();
    expect(factorStateOf({ role: "admin", factors: 0, verifiedAt: undefined })).toBe("enrol");
    expect(factorStateOf({ role: "admin", factors: 1, verifiedAt: undefined })).toBe("pending");
    expect(factorStateOf({ role: "admin", factors: 1, verifiedAt: null })).toBe("pending");
    expect(factorStateOf({ role: "admin", factors: 1, verifiedAt: at })).toBe("done");
    expect(factorStateOf({ role: "student", factors: 0, verifiedAt: undefined })).toBe("done");
    expect(factorStateOf({ role: "student", factors: 1, verifiedAt: null })).toBe("pending");
    // A session from before the student enrolled is not asked again; a new one is.
    expect(factorStateOf({ role: "student", factors: 1, verifiedAt: undefined })).toBe("done");
    process.env.MINIPORTAL_ADMIN_2FA = "optional";
    resetEnvCache();
    expect(factorStateOf({ role: "admin", factors: 0, verifiedAt: undefined })).toBe("done");
  });

  it("step-up is due when the last check is older than the window, never for an account without a factor", () => {
    Object.assign(process.env, good, { MINIPORTAL_DATA_DIR: dir });
    resetEnvCache();
    const now = new Date("2026-12-07T12:00:00Z");
    expect(stepUpDue(new Date(now.getTime() - 14 * 60_000), 1, now)).toBe(false);
    expect(stepUpDue(new Date(now.getTime() - 16 * 60_000), 1, now)).toBe(true);
    expect(stepUpDue(null, 1, now)).toBe(true);
    expect(stepUpDue(null, 0, now)).toBe(false);
  });
});
