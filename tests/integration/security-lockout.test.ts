// Lockouts a stranger cannot cause (issue 23): seen from the victim's side, on
// both rate-limit stores. A refusal lasts at most its policy's block even when
// only the proxy (which peeks, never spends) sees the key full; a browser the
// owner has signed in from keeps working whatever strangers spent; a reset link
// lifts the account's budget; the write limit keys on the session, not on the
// spelling of its cookie.
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { mintDeviceToken, PLAIN_DEVICE_COOKIE } from "@/lib/auth/device-cookie";
import { signIn } from "@/lib/auth/login";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { createSession } from "@/lib/auth/sessions";
import { guardRequest } from "@/lib/security/proxy-guard";
import { POLICIES, consumeLimit, peekLimit } from "@/lib/security/rate-limit";
import {
  accountIpKey,
  accountKey,
  accountRecovered,
  beginLogin,
  tooManyAttemptsMessage,
} from "@/lib/security/throttles";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_REDIS_URL, gatePost, loginPost, testRateLimitStore } from "../helpers/rate-limit-store";

let run = 0;
// Counters in Redis outlive a run: every address is new.
const address = () => `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${++run % 250}`;
const unique = (label: string) => `${label}-${process.pid}-${Date.now()}-${++run}`;

async function wrongGuesses(n: number, ip: string, email: string): Promise<void> {
  for (let i = 0; i < n; i++) expect((await signIn({ email, password: `wrong guess ${i}`, ip })).ok).toBe(false);
}

for (const store of ["local", "redis"] as const) {
  describe(`lockouts with the ${store} store`, () => {
    testRateLimitStore(store);

    it("ten wrong guesses block that account from that address for 15 minutes, not for the 90-day window", async () => {
      const student = await createActiveUser();
      const stranger = address();
      await wrongGuesses(10, stranger, student.email);
      // The 11th: the proxy's look starts the block and passes the form on with Retry-After;
      // the action refuses it in the form (signIn pays first), for the same 15 minutes.
      const pass = new Headers();
      expect(await guardRequest(await loginPost(stranger, student.email), unique("req"), pass)).toBeNull();
      const retryAfter = Number(pass.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      const refused = await signIn({ email: student.email, password: "the 11th guess", ip: stranger });
      expect(refused).toMatchObject({ ok: false, limited: { scope: "account_ip" } });
      if (!refused.ok && "limited" in refused)
        expect(tooManyAttemptsMessage(refused.limited.retryAfterSeconds)).toMatch(/Please wait 15 minutes/);
      if (store === "redis") {
        const redis = new Redis(TEST_REDIS_URL);
        const ttl = await redis.pttl(`miniportal:rl:login_account_ip:${accountIpKey(stranger, student.email)}`);
        await redis.quit();
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(15 * 60_000);
      }
      // Later looks report the same block, never more.
      const again = await peekLimit("loginAccountIp", accountIpKey(stranger, student.email));
      expect(again.ok || again.retryAfterSeconds <= 900).toBe(true);
      // The student at home is not affected.
      expect((await signIn({ email: student.email, password: student.password, ip: address() })).ok).toBe(true);
    });

    it("no policy's Retry-After exceeds its block, however the key was filled", async () => {
      for (const name of ["loginAccountIp", "loginIp", "loginIpDay", "loginAccount", "loginDevice"] as const) {
        const key = unique(name);
        for (let i = 0; i < POLICIES[name].points; i++) await consumeLimit(name, key);
        const decision = await peekLimit(name, key);
        expect(decision, name).toMatchObject({ ok: false });
        if (!decision.ok) expect(decision.retryAfterSeconds, name).toBeLessThanOrEqual(POLICIES[name].blockSeconds);
        // Spending past the limit in the action does not lengthen it either.
        const spent = await consumeLimit(name, key);
        if (!spent.ok) expect(spent.retryAfterSeconds, name).toBeLessThanOrEqual(POLICIES[name].blockSeconds);
      }
    });

    it("a spray from eleven addresses stops strangers for an hour; the owner's own browser still signs in", async () => {
      const student = await createActiveUser();
      const ownBrowser = mintDeviceToken(student.email); // set by an earlier sign-in from this browser
      for (let a = 0; a < 10; a++) await wrongGuesses(10, address(), student.email);
      const newcomer = address();
      const refused = await beginLogin(newcomer, student.email);
      expect(refused).toMatchObject({ ok: false, scope: "account", policy: "login_account" });
      if (!refused.ok) expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
      const pass = new Headers();
      expect(await guardRequest(await loginPost(address(), student.email), unique("req"), pass)).toBeNull();
      expect(Number(pass.get("retry-after"))).toBeLessThanOrEqual(3600);
      expect(tooManyAttemptsMessage(refused.ok ? 0 : refused.retryAfterSeconds, "en", "account")).toMatch(
        /browser you have used before, or ask your teacher for a password reset link/,
      );

      // The owner's browser, from an address it never used: limited on its own, and in.
      const ownPass = new Headers();
      expect(
        await guardRequest(
          await loginPost(address(), student.email, `${PLAIN_DEVICE_COOKIE}=${ownBrowser}`),
          unique("req"),
          ownPass,
        ),
      ).toBeNull();
      expect(ownPass.get("retry-after")).toBeNull();
      const own = await signIn({
        email: student.email,
        password: student.password,
        ip: address(),
        deviceToken: ownBrowser,
      });
      expect(own.ok).toBe(true);
      // A device cookie earned by another account, or a forged one, earns nothing.
      const other = await createActiveUser();
      for (const token of [mintDeviceToken(other.email), `${"A".repeat(22)}.${"B".repeat(43)}`, "garbage"]) {
        const attempt = await signIn({
          email: student.email,
          password: student.password,
          ip: address(),
          deviceToken: token,
        });
        expect(attempt).toMatchObject({ ok: false, limited: { scope: "account" } });
      }
      // A reset link proves the owner: the account's budget starts again.
      await accountRecovered(student.email);
      expect(await peekLimit("loginAccount", accountKey(student.email))).toMatchObject({ ok: true, remaining: 100 });
      expect((await signIn({ email: student.email, password: student.password, ip: address() })).ok).toBe(true);
    });

    it("a known browser gets ten wrong passwords, then waits 15 minutes; a success clears the count", async () => {
      const student = await createActiveUser();
      const device = mintDeviceToken(student.email);
      const ip = address();
      const attempt = (password: string) => signIn({ email: student.email, password, ip, deviceToken: device });
      for (let i = 0; i < 9; i++) expect((await attempt(`typo ${i}`)).ok).toBe(false);
      expect((await attempt(student.password)).ok).toBe(true);
      for (let i = 0; i < 10; i++) expect(await attempt(`typo again ${i}`)).toEqual({ ok: false });
      const blocked = await attempt(student.password);
      expect(blocked).toMatchObject({ ok: false, limited: { scope: "device", policy: "login_device" } });
      if ("limited" in blocked) expect(blocked.limited.retryAfterSeconds).toBeLessThanOrEqual(900);
    });

    it("a success from a known browser clears that address's failures for the account", async () => {
      const student = await createActiveUser();
      const ip = address();
      await wrongGuesses(9, ip, student.email);
      const device = mintDeviceToken(student.email);
      expect((await signIn({ email: student.email, password: student.password, ip, deviceToken: device })).ok).toBe(
        true,
      );
      expect(await peekLimit("loginAccountIp", accountIpKey(ip, student.email))).toMatchObject({
        ok: true,
        remaining: 10,
      });
    });

    it("the write limit keys on the session: 125 spellings of one cookie share 120 writes", async () => {
      const student = await createActiveUser();
      const { sid, expiresAt } = await createSession(student.id);
      const token = await encodeSessionToken({ sub: student.id, sid, sv: 0 }, expiresAt);
      const [header, key, iv, ciphertext, tag] = token.split(".") as [string, string, string, string, string];
      // Spellings the token decoder accepts: "=" padding, and a space (%20 in a cookie) inside a segment.
      const spellings = Array.from({ length: 125 }, (_, i) =>
        i % 2 === 0
          ? [header, key, iv, `${ciphertext.slice(0, i + 1)}%20${ciphertext.slice(i + 1)}`, tag].join(".")
          : [header, key, iv, ciphertext, `${tag}${"=".repeat(1 + (i % 3))}`].join("."),
      );
      for (const spelling of spellings.slice(0, 4)) {
        expect((await decodeSessionToken(decodeURIComponent(spelling)))?.sid, spelling.slice(-8)).toBe(sid);
      }
      const statuses: number[] = [];
      for (const spelling of spellings) {
        const refused = await guardRequest(
          gatePost("/me", { cookie: `miniportal.session=${spelling}` }, "[]", "text/plain;charset=UTF-8"),
          unique("req"),
        );
        statuses.push(refused?.status ?? 200);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(120);
      expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
    });
  });
}
