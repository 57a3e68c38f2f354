// Rate limits on both stores (memory; Redis at 127.0.0.1:6379), the proxy gate
// that answers 429, and the client address behind (un)trusted proxies.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import { installPeerAddressStamp } from "@/lib/security/peer-address";
import { guardRequest } from "@/lib/security/proxy-guard";
import { rateLimitStoreKind, resetRateLimits } from "@/lib/security/rate-limit";
import { inviteGate, loginGate, noteInviteFailure, noteLoginFailure, noteLoginSuccess, writeGate } from "@/lib/security/throttles";
import { createTestDb, type TestDb } from "../helpers/test-db";

const REDIS_URL = "redis://127.0.0.1:6379/0";
let run = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now()}-${++run}`;

async function blocks(scope: string): Promise<number> {
  const { values } = await metrics().rateLimitBlocks.get();
  return values.filter((v) => v.labels.scope === scope).reduce((s, v) => s + v.value, 0);
}

function loginPost(ip: string, email: string, extra: Record<string, string> = {}): NextRequest {
  const body = new URLSearchParams({ "_1_email": email, "_1_password": "x" }).toString();
  return new NextRequest("http://127.0.0.1:3000/login", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), "next-action": "abc", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "x-forwarded-for": ip, ...extra },
  });
}

for (const store of ["memory", "redis"] as const) {
  describe(`rate limits with the ${store} store`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(store === "redis" ? { REDIS_URL } : {});
      if (store === "memory") delete process.env.REDIS_URL;
      resetEnvCache();
      await resetRateLimits();
    });
    afterAll(async () => {
      await resetRateLimits();
      delete process.env.REDIS_URL;
      resetEnvCache();
      await t.cleanup();
    });

    it(`uses the ${store} store`, async () => {
      expect(rateLimitStoreKind()).toBe(store);
      if (store === "redis") {
        const ip = unique("10.9.9.9");
        await noteLoginFailure(ip, unique("probe") + "@example.org");
        const redis = new Redis(REDIS_URL);
        const keys = await redis.keys("miniportal:rl:login_ip:*");
        await redis.quit();
        expect(keys).toContain(`miniportal:rl:login_ip:${ip}`);
      }
    });

    it("the 11th failed sign-in from one address is refused (ten are allowed)", async () => {
      const ip = unique("ip");
      for (let i = 0; i < 10; i++) {
        expect((await loginGate(ip, `user${i}@example.org`)).ok).toBe(true);
        await noteLoginFailure(ip, `user${i}@example.org`);
      }
      const gate = await loginGate(ip, "someone-new@example.org");
      expect(gate).toMatchObject({ ok: false, scope: "ip", policy: "login_ip" });
      if (!gate.ok) expect(gate.retryAfterSeconds).toBeGreaterThan(0);
      expect((await loginGate(unique("other-ip"), "someone-new@example.org")).ok).toBe(true);
    });

    it("failures spread over many addresses against one account are still limited", async () => {
      const email = `${unique("victim")}@example.org`;
      for (let i = 0; i < 10; i++) await noteLoginFailure(unique(`spray-${i}`), email);
      const fromNewAddress = await loginGate(unique("fresh"), email);
      expect(fromNewAddress).toMatchObject({ ok: false, scope: "account", policy: "login_account" });
      // Case and spaces do not make another account.
      expect((await loginGate(unique("fresh"), `  ${email.toUpperCase()} `)).ok).toBe(false);
    });

    it("a successful sign-in clears the account's failures", async () => {
      const email = `${unique("forgetful")}@example.org`;
      for (let i = 0; i < 9; i++) await noteLoginFailure(unique(`typo-${i}`), email);
      await noteLoginSuccess(email);
      await noteLoginFailure(unique("typo"), email);
      expect((await loginGate(unique("any"), email)).ok).toBe(true);
    });

    it("failed invite redemptions are limited per address", async () => {
      const ip = unique("invite-ip");
      for (let i = 0; i < 10; i++) await noteInviteFailure(ip);
      expect(await inviteGate(ip)).toMatchObject({ ok: false, scope: "ip" });
    });

    it("writes are limited per session (120 a minute)", async () => {
      const session = unique("cookie-value");
      for (let i = 0; i < 120; i++) expect((await writeGate(session)).ok).toBe(true);
      expect(await writeGate(session)).toMatchObject({ ok: false, scope: "session" });
      expect((await writeGate(unique("another-session"))).ok).toBe(true);
    });

    it("proxy.ts answers 429 with Retry-After, counts the block and reads the account from the form", async () => {
      const ip = "192.0.2.50";
      await resetRateLimits();
      for (let i = 0; i < 10; i++) await noteLoginFailure(ip, `p${i}@example.org`);
      const before = await blocks("ip");
      const refused = await guardRequest(loginPost(ip, "anyone@example.org"), "req-test-1");
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused?.text()).toMatch(/^rate_limited: Too many attempts\. Please wait \d+ seconds? and try again\.$/);
      expect(await blocks("ip")).toBe(before + 1);

      const email = `${unique("acct")}@example.org`;
      for (let i = 0; i < 10; i++) await noteLoginFailure(`198.51.100.${i}`, email);
      const beforeAccount = await blocks("account");
      const byAccount = await guardRequest(loginPost("192.0.2.99", email), "req-test-2");
      expect(byAccount?.status).toBe(429);
      expect(await blocks("account")).toBe(beforeAccount + 1);
      expect(await guardRequest(loginPost("192.0.2.98", "fine@example.org"), "req-test-3")).toBeNull();
    });
  });
}

describe("with Redis unreachable", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ REDIS_URL: "redis://127.0.0.1:1/0" }); // nothing listens on port 1
    await resetRateLimits();
  });
  afterAll(async () => {
    await resetRateLimits();
    delete process.env.REDIS_URL;
    resetEnvCache();
    await t.cleanup();
  });

  it("limits still hold through the in-memory insurance limiter and requests do not fail", async () => {
    expect(rateLimitStoreKind()).toBe("redis");
    const ip = unique("redis-down");
    for (let i = 0; i < 10; i++) await noteLoginFailure(ip, `down${i}@example.org`);
    expect(await loginGate(ip, "x@example.org")).toMatchObject({ ok: false, scope: "ip" });
  });
});

describe("the client address behind a real HTTP server", () => {
  let server: Server;
  let url: string;
  let hops = 0;
  beforeAll(async () => {
    installPeerAddressStamp();
    server = createServer((req, res) => {
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
      res.end(clientIpFromHeaders(headers, hops));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a spoofed X-Forwarded-For (or a forged peer stamp) from an untrusted peer does not change the key", async () => {
    hops = 0;
    const spoofs: Record<string, string>[] = [{}, { "x-forwarded-for": "203.0.113.1" }, { "x-forwarded-for": "1.1.1.1, 2.2.2.2" }, { "x-miniportal-peer": "9.9.9.9", "x-miniportal-peer-proof": "guess" }];
    for (const headers of spoofs) expect(await (await fetch(url, { headers })).text()).toBe("127.0.0.1");
  });

  it("behind one trusted proxy the address that proxy appended counts", async () => {
    hops = 1;
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" } })).text()).toBe("203.0.113.7");
    expect(await (await fetch(url)).text()).toBe("127.0.0.1");
  });
});
