// A test database plus the rate-limit store under test: the data dir's local
// SQLite file, or Redis at 127.0.0.1:6379 (waited for until it answers), put back
// to the local store afterwards.
import { afterAll, beforeAll } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { rateLimitStoreKind, rateLimitStoreState, resetRateLimits } from "@/lib/security/rate-limit";
import { useTestDb } from "./test-db";

export const TEST_REDIS_URL = "redis://127.0.0.1:6379/0";

export function testRateLimitStore(store: "local" | "redis"): ReturnType<typeof useTestDb> {
  const t = useTestDb(store === "redis" ? { REDIS_URL: TEST_REDIS_URL } : {});
  beforeAll(async () => {
    if (store === "local") delete process.env.REDIS_URL;
    resetEnvCache();
    await resetRateLimits();
    // Until Redis is ready the local store counts; the tests are about Redis.
    rateLimitStoreKind();
    while (store === "redis" && rateLimitStoreState().redis !== "up") await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await resetRateLimits();
    delete process.env.REDIS_URL;
    resetEnvCache();
  });
  return t;
}
