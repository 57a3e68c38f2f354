// app/metrics/route.ts behind a real Node HTTP server (so the peer address is stamped
// as in the portal), with the process's configuration: switched by METRICS_ENABLED,
// guarded by MINIPORTAL_METRICS_TOKEN or, without one, by the scraper's address.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/metrics/route";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { installPeerAddressStamp } from "@/lib/security/peer-address";

const BASE_ENV = {
  AUTH_SECRET: "metrics-route-test-secret-0123456789abcdef",
  PORTAL_MASTER_PASS: "metrics-route-master-pass",
  MINIPORTAL_DATA_DIR: "/tmp/miniportal-metrics-route-test",
};
const TOKEN = "metrics-route-token-0123456789";

function configure(extra: Record<string, string | undefined>): void {
  for (const key of ["METRICS_ENABLED", "MINIPORTAL_METRICS_TOKEN", "MINIPORTAL_TRUSTED_PROXIES"])
    delete process.env[key];
  Object.assign(process.env, BASE_ENV);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) process.env[k] = v;
  resetEnvCache();
}
let server: Server;
let url: string;
beforeAll(async () => {
  installPeerAddressStamp();
  server = createServer((req, res) => {
    const headers = new Headers(
      Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
    );
    void GET(new Request(`http://127.0.0.1${req.url}`, { headers })).then(async (answer) => {
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (authorization?: string, extra: Record<string, string> = {}) =>
  fetch(url, { headers: { ...(authorization ? { authorization } : {}), ...extra } });

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

  it("without a token, answers a loopback scraper but not a public client a trusted proxy forwarded for", async () => {
    configure({ MINIPORTAL_TRUSTED_PROXIES: "1" });
    expect((await get(undefined, { "x-forwarded-for": "10.0.0.7" })).status).toBe(200);
    const refused = await get(undefined, { "x-forwarded-for": "203.0.113.9" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/203\.0\.113\.9.*MINIPORTAL_METRICS_TOKEN/s);
  });

  it("without trusted proxies, a client-sent X-Forwarded-For or peer stamp changes nothing", async () => {
    configure({});
    const spoofs: Record<string, string>[] = [
      { "x-forwarded-for": "203.0.113.9" },
      { "x-miniportal-peer": "203.0.113.9", "x-miniportal-peer-proof": "guess" },
    ];
    for (const headers of spoofs) {
      expect((await get(undefined, headers)).status).toBe(200);
    }
  });
});
