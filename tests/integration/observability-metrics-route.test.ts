// app/metrics/route.ts as Next calls it, with the process's configuration:
// switched by METRICS_ENABLED, guarded by MINIPORTAL_METRICS_TOKEN, serving the
// shared registry.
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";

const BASE_ENV = {
  AUTH_SECRET: "metrics-route-test-secret-0123456789abcdef",
  PORTAL_MASTER_PASS: "metrics-route-master-pass",
  MINIPORTAL_DATA_DIR: "/tmp/miniportal-metrics-route-test",
};
const TOKEN = "metrics-route-token-0123456789";

function configure(extra: Record<string, string | undefined>): void {
  for (const key of ["METRICS_ENABLED", "MINIPORTAL_METRICS_TOKEN"]) delete process.env[key];
  Object.assign(process.env, BASE_ENV);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) process.env[k] = v;
  resetEnvCache();
}
const get = (authorization?: string) =>
  GET(new Request("http://127.0.0.1/metrics", { headers: authorization ? { authorization } : {} }));

afterEach(() => configure({}));

describe("/metrics route", () => {
  it("serves the shared registry in Prometheus text format", async () => {
    configure({});
    metrics().csrfBlocks.inc();
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^portal_csrf_blocks_total 1$/m);
    expect(text).toContain("# TYPE process_resident_memory_bytes gauge");
  });

  it("answers 404 when METRICS_ENABLED is off", async () => {
    configure({ METRICS_ENABLED: "0" });
    expect((await get()).status).toBe(404);
  });

  it("demands the bearer token when one is configured", async () => {
    configure({ MINIPORTAL_METRICS_TOKEN: TOKEN });
    const denied = await get();
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await get(`Bearer ${TOKEN}-nope`)).status).toBe(401);
    expect((await get(`Bearer ${TOKEN}`)).status).toBe(200);
  });
});
