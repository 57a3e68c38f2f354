// A data dir that cannot hold the rate-limit file (read-only, full, or a path that
// is not a file): the limits still hold, counted in memory by the worker, and no
// request fails because of it (a sign-in on a read-only portal once got a 500 here).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { RATE_LIMIT_FILE, consumeLimit, peekLimit, resetRateLimits } from "@/lib/security/rate-limit";
import { useTestDb } from "../helpers/test-db";

describe("a rate-limit file that cannot be opened", () => {
  const t = useTestDb();
  beforeAll(async () => {
    delete process.env.REDIS_URL;
    resetEnvCache();
    await resetRateLimits();
    mkdirSync(path.join(t.dir, RATE_LIMIT_FILE)); // a directory where the file should be: open() fails
  });
  afterAll(async () => {
    await resetRateLimits();
    rmSync(path.join(t.dir, RATE_LIMIT_FILE), { recursive: true, force: true });
  });

  it("answers every check, still refuses the 11th attempt, and reports the store down", async () => {
    const key = `unopenable-${Date.now()}`;
    expect(await peekLimit("loginIp", key)).toMatchObject({ ok: true, remaining: 10 });
    const decisions = [];
    for (let i = 0; i < 11; i++) decisions.push(await consumeLimit("loginIp", key));
    expect(decisions.filter((d) => d.ok)).toHaveLength(10);
    expect(decisions[10]).toMatchObject({ ok: false, scope: "ip" });
    expect(await peekLimit("loginIp", key)).toMatchObject({ ok: false });
    const { values } = await metrics().rateLimitStoreUp.get();
    expect(values.find((v) => v.labels.store === "local")?.value).toBe(0);
  });
});
