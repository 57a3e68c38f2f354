import { describe, expect, it } from "vitest";
import { bootstrapAdminInvite } from "@/lib/admin/bootstrap";
import { listStudents, setStudentActive } from "@/lib/admin/students";
import { inspectInvite, issueInvite, redeemInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { createSession, signOut, validateSession } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/security/tokens";
import { createActiveUser } from "../helpers/fixtures";
import { createTestDb, useTestDb } from "../helpers/test-db";

const PASSWORD = "seven quiet rivers under snow";

describe("accounts: invites, login, sessions", () => {
  const t = useTestDb();

  it("stores only the hash of an invite token and redeems it exactly once", async () => {
    const invite = await issueInvite({ email: "Ada@Example.org ", name: "Ada", role: "student", actorId: null });
    expect(invite.email).toBe("ada@example.org");
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const row = await t.db.invite.findFirstOrThrow({ where: { userId: invite.userId } });
    expect(row.tokenHash).toBe(hashToken(invite.token));
    expect(JSON.stringify(row)).not.toContain(invite.token);

    const [first, second] = await Promise.all([
      redeemInvite({ token: invite.token, password: PASSWORD }),
      redeemInvite({ token: invite.token, password: PASSWORD }),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(await inspectInvite(invite.token)).toEqual({ kind: "used" });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } });
    expect(user.status).toBe("active");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("classifies tampered, expired and replaced invites", async () => {
    const now = new Date();
    const invite = await issueInvite({ email: "expiring@example.org", name: "E", role: "student", actorId: null }, now);
    const tampered = invite.token.slice(0, -1) + (invite.token.endsWith("A") ? "B" : "A");
    expect(await inspectInvite(tampered)).toEqual({ kind: "invalid" });
    expect(await inspectInvite("../../etc/passwd")).toEqual({ kind: "invalid" });
    const later = new Date(now.getTime() + 8 * 24 * 3600_000);
    expect(await inspectInvite(invite.token, later)).toEqual({ kind: "expired" });
    expect(await redeemInvite({ token: invite.token, password: PASSWORD }, later)).toEqual({
      ok: false,
      kind: "expired",
    });
    const replacement = await issueInvite({ email: "expiring@example.org", name: "E", role: "student", actorId: null });
    expect(await inspectInvite(invite.token)).toEqual({ kind: "revoked" });
    expect((await inspectInvite(replacement.token)).kind).toBe("ok");
  });

  it("refuses to invite an email that already has an account", async () => {
    const student = await createActiveUser();
    await expect(
      issueInvite({ email: student.email, name: "Again", role: "student", actorId: null }),
    ).rejects.toMatchObject({ kind: "conflict", field: "email" });
  });

  it("authenticates active accounts only, counting and auditing each attempt", async () => {
    const student = await createActiveUser("student", PASSWORD);
    expect(await authenticate({ email: student.email.toUpperCase(), password: PASSWORD })).toMatchObject({
      ok: true,
      userId: student.id,
    });
    expect(await authenticate({ email: student.email, password: PASSWORD + "x" })).toEqual({ ok: false });
    expect(await authenticate({ email: "nobody@example.org", password: PASSWORD })).toEqual({ ok: false });
    const events = await t.db.eventLog.findMany({
      where: { action: { in: ["login.succeeded", "login.failed"] } },
      orderBy: { id: "asc" },
    });
    expect(events.slice(-3).map((e) => e.action)).toEqual(["login.succeeded", "login.failed", "login.failed"]);
  });

  it("ends sessions on logout, on 'log out everywhere' and on deactivation", async () => {
    const student = await createActiveUser();
    const admin = await createActiveUser("admin");
    const sv = (await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).sessionVersion;
    const a = await createSession(student.id);
    const b = await createSession(student.id);
    expect(await validateSession({ sub: student.id, sid: a.sid, sv })).toMatchObject({
      id: student.id,
      role: "student",
    });
    expect(await validateSession({ sub: admin.id, sid: a.sid, sv })).toBeNull(); // a session belongs to one user

    await signOut({ ...student.user, sessionId: a.sid }, "this", "req-logout");
    expect(await validateSession({ sub: student.id, sid: a.sid, sv })).toBeNull();
    expect(await validateSession({ sub: student.id, sid: b.sid, sv })).not.toBeNull();

    await signOut(student.user, "everywhere", "req-everywhere");
    const ended = await t.db.eventLog.findMany({
      where: { actorId: student.id, action: { startsWith: "logout" } },
      orderBy: { id: "asc" },
    });
    expect(ended.map((e) => [e.action, e.targetId, e.requestId])).toEqual([
      ["logout", a.sid, "req-logout"],
      ["logout.everywhere", student.id, "req-everywhere"],
    ]);
    expect(await validateSession({ sub: student.id, sid: b.sid, sv })).toBeNull();

    const c = await createSession(student.id);
    const sv2 = sv + 1;
    expect(await validateSession({ sub: student.id, sid: c.sid, sv: sv2 })).not.toBeNull();
    await setStudentActive(admin.user, student.id, false, "req-1");
    expect(await validateSession({ sub: student.id, sid: c.sid, sv: sv2 })).toBeNull();
    expect(await authenticate({ email: student.email, password: student.password })).toEqual({ ok: false });
    const audit = await t.db.eventLog.findFirstOrThrow({
      where: { action: "student.deactivated", targetId: student.id },
    });
    expect(audit).toMatchObject({ actorId: admin.id, requestId: "req-1" });
  });

  it("enforces idle and absolute session lifetimes", async () => {
    const student = await createActiveUser();
    const sv = (await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).sessionVersion;
    const start = new Date();
    const s = await createSession(student.id, start);
    const claims = { sub: student.id, sid: s.sid, sv };
    expect(await validateSession(claims, new Date(start.getTime() + 11 * 3600_000))).not.toBeNull(); // within 12 h idle
    expect(await validateSession(claims, new Date(start.getTime() + 11 * 3600_000 + 13 * 3600_000))).toBeNull(); // idle > 12 h
    const s2 = await createSession(student.id, start);
    expect(await validateSession({ ...claims, sid: s2.sid }, new Date(start.getTime() + 8 * 24 * 3600_000))).toBeNull(); // past 7 days
  });

  it("lets only admins list and deactivate students", async () => {
    const student = await createActiveUser();
    await expect(listStudents(student.user)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(setStudentActive(student.user, student.id, false, null)).rejects.toMatchObject({ kind: "forbidden" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).status).toBe("active");
  });

  it("issues a first-run admin invite only while there is no active admin", async () => {
    const fresh = await createTestDb();
    try {
      const first = await bootstrapAdminInvite();
      expect(first).not.toBeNull();
      const again = await bootstrapAdminInvite();
      expect(again?.email).toBe(first?.email);
      expect(await inspectInvite(first!.token)).toEqual({ kind: "revoked" }); // superseded
      await redeemInvite({ token: again!.token, password: PASSWORD });
      expect(await bootstrapAdminInvite()).toBeNull();
    } finally {
      await fresh.cleanup();
    }
  });
});
