// The /admin/ops page's data through lib/admin/ops.ts in a process without
// workers: admins get the figures of this process's metrics, anyone else the
// one role refusal, and METRICS_ENABLED=0 switches the page's data off.
import { describe, expect, it } from "vitest";
import { opsOverview } from "@/lib/admin/ops";
import { resetEnvCache } from "@/lib/env";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("ops overview", () => {
  useTestDb();

  it("shows an admin the figures, taken from this process's metrics now", async () => {
    const admin = await createActiveUser("admin");
    const before = Date.now();
    const ops = await opsOverview(admin.user);
    if (!ops.enabled) throw new Error("metrics are on by default");
    expect(ops.now).toBeGreaterThanOrEqual(before);
    expect(ops.startedAt).toBeLessThanOrEqual(ops.now);
    expect(ops.inFlight).toBe(0);
    expect(ops.summary).toMatchObject({ loginAttempts: 0, invitesRedeemed: 0, vaultDecrypts: 0 });
    expect(Array.isArray(ops.latency)).toBe(true);
  });

  it("refuses a student with the one role error", async () => {
    const student = await createActiveUser();
    await expect(opsOverview(student.user)).rejects.toMatchObject({
      kind: "forbidden",
      message: "Only admins can see service health.",
    });
  });

  it("is off when metrics are", async () => {
    const admin = await createActiveUser("admin");
    process.env.METRICS_ENABLED = "0";
    resetEnvCache();
    try {
      expect(await opsOverview(admin.user)).toEqual({ enabled: false });
    } finally {
      delete process.env.METRICS_ENABLED;
      resetEnvCache();
    }
  });
});
