// Sessions end when they should: idle and absolute lifetimes, logout, "log out
// everywhere", password change, deactivation; tampered, replayed and expired
// tokens are no session.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { setStudentActive } from "@/lib/admin/students";
import { changePassword } from "@/lib/auth/password-change";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-cookie";
import { createSession, signOut, validateSession } from "@/lib/auth/sessions";
import { env, resetEnvCache } from "@/lib/env";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_AUTH_SECRET, useTestDb } from "../helpers/test-db";

const MIN = 60_000;

describe("session lifetimes and revocation", () => {
  const t = useTestDb({ MINIPORTAL_SESSION_IDLE_MINUTES: "30", MINIPORTAL_SESSION_MAX_HOURS: "8" });

  async function session(now = new Date()) {
    const user = await createActiveUser();
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const { sid } = await createSession(user.id, now);
    return { user, claims: { sub: user.id, sid, sv: row.sessionVersion } };
  }

  it("an idle session ends after the idle lifetime; activity keeps it alive", async () => {
    expect(env().MINIPORTAL_SESSION_IDLE_MINUTES).toBe(30);
    const start = new Date("2026-03-01T10:00:00Z");
    const { claims } = await session(start);
    expect(await validateSession(claims, new Date(start.getTime() + 29 * MIN))).not.toBeNull();
    // That use moved lastSeenAt; 29 more idle minutes are fine, 31 are not.
    expect(await validateSession(claims, new Date(start.getTime() + 58 * MIN))).not.toBeNull();
    expect(await validateSession(claims, new Date(start.getTime() + 58 * MIN + 31 * MIN))).toBeNull();
  });

  it("an active session still ends at the absolute lifetime", async () => {
    const start = new Date("2026-03-02T08:00:00Z");
    const { claims } = await session(start);
    let now = start.getTime();
    while (now + 20 * MIN < start.getTime() + 8 * 60 * MIN) {
      now += 20 * MIN;
      expect(await validateSession(claims, new Date(now)), new Date(now).toISOString()).not.toBeNull();
    }
    expect(await validateSession(claims, new Date(start.getTime() + 8 * 60 * MIN + 1000))).toBeNull();
  });

  it("logout revokes this session only; the cookie replayed later is refused", async () => {
    const { user, claims } = await session();
    const { sid: other } = await createSession(user.id);
    await signOut({ ...user.user, sessionId: claims.sid }, "this", null);
    expect(await validateSession(claims)).toBeNull();
    expect(await validateSession({ ...claims, sid: other })).not.toBeNull();
  });

  it("log out everywhere, deactivation and a password change end every session", async () => {
    const a = await session();
    const { sid: second } = await createSession(a.user.id);
    await signOut(a.user.user, "everywhere", null);
    expect(await validateSession(a.claims)).toBeNull();
    expect(await validateSession({ ...a.claims, sid: second })).toBeNull();

    const admin = await createActiveUser("admin");
    const b = await session();
    await setStudentActive(admin.user, b.user.id, false, "req-deactivate");
    expect(await validateSession(b.claims)).toBeNull();

    const c = await session();
    const { sid: otherDevice } = await createSession(c.user.id);
    const changed = await changePassword(
      { ...c.user, sessionId: c.claims.sid },
      { current: c.user.password, password: "an entirely new passphrase 42" },
    );
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    expect(await validateSession(c.claims)).toBeNull();
    expect(await validateSession({ ...c.claims, sid: otherDevice })).toBeNull();
    // The browser that changed it carries on with its fresh session.
    expect(await validateSession({ sub: c.user.id, sid: changed.sid, sv: changed.sessionVersion })).not.toBeNull();
  });

  it("a token from an older session version is refused even with a live session row", async () => {
    const { user, claims } = await session();
    await t.db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await validateSession(claims)).toBeNull();
  });

  it("tampered, foreign-secret, oversized and expired tokens decode to nothing", async () => {
    const claims = { sub: "u1", sid: "s1", sv: 1 };
    const token = await encodeSessionToken(claims, new Date(Date.now() + 3600_000));
    expect(await decodeSessionToken(token)).toEqual(claims);
    const flipped = token.slice(0, 40) + (token[40] === "A" ? "B" : "A") + token.slice(41);
    expect(await decodeSessionToken(flipped)).toBeNull();
    expect(await decodeSessionToken(token + "x")).toBeNull();
    expect(await decodeSessionToken("x".repeat(5000))).toBeNull();
    const foreign = await encode({ token: claims, secret: "another-secret-entirely-0123456789abcdef", maxAge: 3600 });
    expect(await decodeSessionToken(foreign)).toBeNull();
    const expired = await encode({ token: claims, secret: TEST_AUTH_SECRET, maxAge: -60 });
    expect(await decodeSessionToken(expired)).toBeNull();
    // A worker keeps the tokens it opened, but not under another secret.
    const secret = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "a-rotated-secret-0123456789abcdef0123456789";
    resetEnvCache();
    try {
      expect(await decodeSessionToken(token)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = secret;
      resetEnvCache();
    }
    // A token that names a session of another user is refused by validation.
    const { claims: real } = await session();
    expect(await validateSession({ ...real, sub: "someone-else" })).toBeNull();
  });
});
