// The ops page shows a login success rate or a vault p95 only when enough events
// back it (lib/admin/ops-sample.ts): one failed sign-in is not "0.0 % success".
import { describe, expect, it } from "vitest";
import { MIN_SAMPLE, withMinimumSample } from "@/lib/admin/ops-sample";
import type { OpsSummary } from "@/lib/observability/ops-history";

const summary = (over: Partial<OpsSummary>): OpsSummary => ({
  windowMs: 15 * 60_000,
  loginSuccessRate: 0,
  loginAttempts: 1,
  invitesRedeemed: 0,
  invitesFailed: 0,
  vaultP95Seconds: 0.002,
  vaultDecrypts: 1,
  ...over,
});

describe("ops figures need a minimum sample", () => {
  it("takes out a rate and a percentile backed by one event, and keeps the counts", () => {
    const shown = withMinimumSample(summary({ loginSuccessRate: 0, loginAttempts: 1, vaultDecrypts: 1 }));
    expect(shown).toMatchObject({ loginSuccessRate: null, loginAttempts: 1, vaultP95Seconds: null, vaultDecrypts: 1 });
  });

  it("shows them from the minimum on, and only the one whose own count is enough", () => {
    expect(MIN_SAMPLE).toBe(20);
    const atMinimum = withMinimumSample(summary({ loginSuccessRate: 0.95, loginAttempts: 20, vaultDecrypts: 19 }));
    expect(atMinimum).toMatchObject({ loginSuccessRate: 0.95, vaultP95Seconds: null });
    const justBelow = withMinimumSample(summary({ loginSuccessRate: 0.5, loginAttempts: 19, vaultDecrypts: 20 }));
    expect(justBelow).toMatchObject({ loginSuccessRate: null, vaultP95Seconds: 0.002 });
  });

  it("leaves the invite counts alone: they are counts, not rates", () => {
    const shown = withMinimumSample(summary({ invitesRedeemed: 1, invitesFailed: 2 }));
    expect(shown).toMatchObject({ invitesRedeemed: 1, invitesFailed: 2 });
  });
});
