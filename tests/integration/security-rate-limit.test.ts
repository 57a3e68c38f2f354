// Rate limits on both stores (the local SQLite file; Redis at 127.0.0.1:6379),
// paid before the expensive work under parallel requests, counted once across
// processes, the proxy gate that answers 429, and the client address behind
// (un)trusted proxies.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "@/lib/auth/password-change";
import { signIn } from "@/lib/auth/login";
import { resetEnvCache } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import { installPeerAddressStamp } from "@/lib/security/peer-address";
import { guardRequest } from "@/lib/security/proxy-guard";
import { RATE_LIMIT_FILE, peekLimit, rateLimitStoreKind } from "@/lib/security/rate-limit";
import { accountIpKey, beginInvite, beginLogin, loginSucceeded, peekLogin, writeGate } from "@/lib/security/throttles";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_REDIS_URL, gatePost, loginPost, testRateLimitStore } from "../helpers/rate-limit-store";
import { useTestDb } from "../helpers/test-db";

let run = 0;
const unique = (label: string) => `${label}-${process.pid}-${Date.now()}-${++run}`;

async function blocks(scope: string): Promise<number> {
  const { values } = await metrics().rateLimitBlocks.get();
  return values.filter((v) => v.labels.scope === scope).reduce((s, v) => s + v.value, 0);
}

/** n failed sign-ins, each paid first as the real path does. */
async function fail(n: number, ip: string, email: string): Promise<void> {
  for (let i = 0; i < n; i++) await beginLogin(ip, email);
}

for (const store of ["local", "redis"] as const) {
  describe(`rate limits with the ${store} store`, () => {
    const t = testRateLimitStore(store);

    it(`uses the ${store} store`, async () => {
      expect(rateLimitStoreKind()).toBe(store);
      if (store === "redis") {
        const ip = unique("10.9.9.9");
        await beginLogin(ip, unique("probe") + "@example.org");
        const redis = new Redis(TEST_REDIS_URL);
        const keys = await redis.keys("miniportal:rl:login_ip:*");
        await redis.quit();
        expect(keys).toContain(`miniportal:rl:login_ip:${ip}`);
      }
    });

    it("50 parallel wrong passwords from one address: 10 are evaluated, 40 refused before Argon2", async () => {
      const student = await createActiveUser();
      const ip = unique("parallel");
      const failedBefore = await t.db.eventLog.count({ where: { action: "login.failed" } });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => signIn({ email: student.email, password: `wrong guess ${i}`, ip })),
      );
      const limited = results.filter((r) => !r.ok && "limited" in r);
      expect(limited).toHaveLength(40);
      // Each evaluated attempt writes one login.failed row: exactly ten ran Argon2.
      expect((await t.db.eventLog.count({ where: { action: "login.failed" } })) - failedBefore).toBe(10);
    });

    it("a stranger's ten wrong guesses from elsewhere do not lock the student out", async () => {
      const student = await createActiveUser();
      const stranger = unique("stranger");
      for (let i = 0; i < 10; i++)
        expect((await signIn({ email: student.email, password: `guess ${i}`, ip: stranger })).ok).toBe(false);
      expect(await peekLogin(stranger, student.email)).toMatchObject({
        ok: false,
        scope: "account_ip",
        policy: "login_account_ip",
      });
      const own = await signIn({ email: student.email, password: student.password, ip: unique("home") });
      expect(own.ok).toBe(true);
    });

    it("the 11th failed sign-in from one address within a minute is refused, whatever the accounts", async () => {
      const ip = unique("ip");
      await fail(10, ip, "spread@example.org"); // the account+address counter also says 10
      for (let i = 0; i < 10; i++) expect((await peekLogin(unique("x"), `user${i}@example.org`)).ok).toBe(true);
      const ip2 = unique("ip2");
      for (let i = 0; i < 10; i++) expect((await beginLogin(ip2, `user${i}@example.org`)).ok).toBe(true);
      expect(await beginLogin(ip2, "someone-new@example.org")).toMatchObject({
        ok: false,
        scope: "ip",
        policy: "login_ip",
      });
      expect((await beginLogin(unique("other-ip"), "someone-new@example.org")).ok).toBe(true);
    });

    it("failures spread over many addresses against one account hit the account's daily brake at 100", async () => {
      const email = `${unique("victim")}@example.org`;
      for (let i = 0; i < 10; i++) await fail(10, unique(`spray-${i}`), email);
      expect(await beginLogin(unique("fresh"), email)).toMatchObject({
        ok: false,
        scope: "account",
        policy: "login_account",
      });
      // Case and spaces do not make another account.
      expect((await beginLogin(unique("fresh"), `  ${email.toUpperCase()} `)).ok).toBe(false);
    });

    it("a successful sign-in clears the consecutive failures and gives the address its points back", async () => {
      const email = `${unique("forgetful")}@example.org`;
      const ip = unique("typo");
      await fail(9, ip, email);
      expect(await peekLimit("loginAccountIp", accountIpKey(ip, email))).toMatchObject({ ok: true, remaining: 1 });
      await beginLogin(ip, email);
      await loginSucceeded(ip, email);
      expect(await peekLimit("loginAccountIp", accountIpKey(ip, email))).toMatchObject({ ok: true, remaining: 10 });
      // The success was paid and given back: the address still has exactly one failure left this minute.
      expect((await beginLogin(ip, email)).ok).toBe(true);
      expect(await beginLogin(ip, email)).toMatchObject({ ok: false, policy: "login_ip" });
    });

    it("parallel invite redemptions: 10 of 30 bad tokens are looked up, the rest refused", async () => {
      const ip = unique("invite-ip");
      const gates = await Promise.all(Array.from({ length: 30 }, () => beginInvite(ip)));
      expect(gates.filter((g) => g.ok)).toHaveLength(10);
      expect(gates.find((g) => !g.ok)).toMatchObject({ ok: false, scope: "ip", policy: "invite_ip" });
    });

    it("the current-password check of a password change has its own limit, paid before Argon2", async () => {
      const student = await createActiveUser();
      const before = await t.db.eventLog.count({ where: { action: "password.change_failed", actorId: student.id } });
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          changePassword(student.user, { current: `not it ${i}`, password: "another long passphrase" }),
        ),
      );
      expect(attempts.filter((r) => !r.ok && "limited" in r)).toHaveLength(15);
      expect(
        (await t.db.eventLog.count({ where: { action: "password.change_failed", actorId: student.id } })) - before,
      ).toBe(5);
    });

    it("writes are limited per session: 120 of 150 parallel writes pass", async () => {
      const session = unique("cookie-value");
      const gates = await Promise.all(Array.from({ length: 150 }, () => writeGate(session)));
      expect(gates.filter((g) => g.ok)).toHaveLength(120);
      expect(await writeGate(session)).toMatchObject({ ok: false, scope: "session" });
      expect((await writeGate(unique("another-session"))).ok).toBe(true);
    });

    it("proxy.ts passes a throttled sign-in form on with Retry-After, answers other posts 429, and reads the account from the form", async () => {
      const ip = unique("proxy-ip"); // counters in Redis outlive a run: fresh keys each time
      await fail(10, ip, `${unique("p")}@example.org`); // a fixed account would spend its daily budget across runs (Redis outlives them)
      const before = await blocks("ip");
      // The form (with or without JavaScript) goes on to its action, which refuses it and keeps the form.
      const pass = new Headers();
      expect(await guardRequest(await loginPost(ip, "anyone@example.org"), "req-test-1", pass)).toBeNull();
      expect(Number(pass.get("retry-after"))).toBeGreaterThan(0);
      expect(await blocks("ip")).toBe(before); // counted once, where it is refused: the action
      expect(await signIn({ email: "anyone@example.org", password: "x", ip })).toMatchObject({
        ok: false,
        limited: { scope: "ip" },
      });
      // Anything else posted to /login (no form of the portal's) is answered here.
      const refused = await guardRequest(
        gatePost(
          "/login",
          { "x-forwarded-for": ip },
          "email=anyone%40example.org",
          "application/x-www-form-urlencoded",
        ),
        "req-test-1b",
      );
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused?.text()).toMatch(
        /^\{"error":"too_many_requests","message":"Too many attempts\. Please wait \d+ seconds?/,
      );
      expect(await blocks("ip")).toBe(before + 1);

      const email = `${unique("acct")}@example.org`;
      const ip2 = unique("proxy-ip2");
      await fail(10, ip2, email);
      // Only the account's own address is throttled; the proxy only peeks (spends nothing).
      const pair = new Headers();
      expect(await guardRequest(await loginPost(ip2, email), "req-test-2", pair)).toBeNull();
      expect(Number(pair.get("retry-after"))).toBeGreaterThan(60);
      const elsewhere = new Headers();
      expect(await guardRequest(await loginPost(unique("proxy-ip3"), email), "req-test-3", elsewhere)).toBeNull();
      expect(elsewhere.get("retry-after")).toBeNull();
    });
  });
}

describe("one limit across worker processes (no REDIS_URL)", () => {
  const t = useTestDb();
  beforeAll(() => {
    delete process.env.REDIS_URL;
    resetEnvCache();
  });

  it("three processes spending on one session key together get 120 writes, not 120 each", async () => {
    const key = unique("shared-session");
    const workers = Array.from({ length: 3 }, () =>
      spawn(
        process.execPath,
        ["--import", "tsx", path.resolve("tests/helpers/rate-limit-worker.ts"), "writeSession", key, "100"],
        {
          // Errors only: a store failure (the insurance limiter then grants) is the one thing worth seeing here.
          env: { ...process.env, MINIPORTAL_LOG_LEVEL: "error" },
          stdio: ["pipe", "pipe", "inherit"],
        },
      ),
    );
    const outputs = workers.map((w) => {
      let out = "";
      w.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      return {
        ready: new Promise<void>((resolve) => w.stdout.on("data", () => out.includes("ready") && resolve())),
        done: new Promise<string>((resolve) => w.on("exit", () => resolve(out))),
      };
    });
    await Promise.all(outputs.map((o) => o.ready));
    for (const w of workers) w.stdin.write("go\n");
    const outs = await Promise.all(outputs.map((o) => o.done));
    const granted = outs.map((out) => Number(/^granted (\d+)$/m.exec(out)?.[1] ?? NaN));
    // On a miss, the workers' own lines (a store failure the insurance limiter answered) say why.
    expect(
      granted.reduce((a, b) => a + b, 0),
      outs.join("\n"),
    ).toBe(120);
    expect(path.join(t.dir, RATE_LIMIT_FILE)).toBeTruthy();
  });
});

describe("the client address behind a real HTTP server", () => {
  let server: Server;
  let url: string;
  let hops = 0;
  beforeAll(async () => {
    installPeerAddressStamp();
    server = createServer((req, res) => {
      const headers = new Headers(
        Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
      );
      res.end(clientIpFromHeaders(headers, hops));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a spoofed X-Forwarded-For (or a forged peer stamp) from an untrusted peer does not change the key", async () => {
    hops = 0;
    const spoofs: Record<string, string>[] = [
      {},
      { "x-forwarded-for": "203.0.113.1" },
      { "x-forwarded-for": "1.1.1.1, 2.2.2.2" },
      { "x-miniportal-peer": "9.9.9.9", "x-miniportal-peer-proof": "guess" },
    ];
    for (const headers of spoofs) expect(await (await fetch(url, { headers })).text()).toBe("127.0.0.1");
  });

  it("behind one trusted proxy the address that proxy appended counts", async () => {
    hops = 1;
    expect(await (await fetch(url, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.7" } })).text()).toBe(
      "203.0.113.7",
    );
    expect(await (await fetch(url)).text()).toBe("127.0.0.1");
  });
});
