import { describe, expect, it } from "vitest";
import { bootstrapAdminInvite } from "@/lib/admin/bootstrap";
import { listStudents, setStudentActive } from "@/lib/admin/students";
import { inspectInvite, issueInvite, redeemInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { createSession, revokeAllSessions, revokeSession, validateSession } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/security/tokens";
import { createActiveUser } from "../helpers/fixtures";
import { createTestDb, useTestDb } from "../helpers/test-db";

const PASSWORD = "seven quiet rivers under snow";

describe("accounts: invites, login, sessions", () => {
  const t = useTestDb();

  it("stores only the hash of an invite token and redeems it exactly once", async () => {
    const invite = await issueInvite(t.db, { email: "Ada@Example.org ", name: "Ada", role: "student", actorId: null });
    expect(invite.email).toBe("ada@example.org");
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const row = await t.db.invite.findFirstOrThrow({ where: { userId: invite.userId } });
    expect(row.tokenHash).toBe(hashToken(invite.token));
    expect(JSON.stringify(row)).not.toContain(invite.token);

    const [first, second] = await Promise.all([
      redeemInvite(t.db, { token: invite.token, password: PASSWORD }),
      redeemInvite(t.db, { token: invite.token, password: PASSWORD }),
    ]);
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(await inspectInvite(t.db, invite.token)).toEqual({ kind: "used" });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: invite.userId } });
    expect(user.status).toBe("active");
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("classifies tampered, expired and replaced invites", async () => {
    const now = new Date();
    const invite = await issueInvite(t.db, { email: "expiring@example.org", name: "E", role: "student", actorId: null }, now);
    const tampered = invite.token.slice(0, -1) + (invite.token.endsWith("A") ? "B" : "A");
    expect(await inspectInvite(t.db, tampered)).toEqual({ kind: "invalid" });
    expect(await inspectInvite(t.db, "../../etc/passwd")).toEqual({ kind: "invalid" });
    const later = new Date(now.getTime() + 8 * 24 * 3600_000);
    expect(await inspectInvite(t.db, invite.token, later)).toEqual({ kind: "expired" });
    expect(await redeemInvite(t.db, { token: invite.token, password: PASSWORD }, later)).toEqual({ ok: false, kind: "expired" });
    const replacement = await issueInvite(t.db, { email: "expiring@example.org", name: "E", role: "student", actorId: null });
    expect(await inspectInvite(t.db, invite.token)).toEqual({ kind: "revoked" });
    expect((await inspectInvite(t.db, replacement.token)).kind).toBe("ok");
  });

  it("refuses to invite an email that already has an account", async () => {
    const student = await createActiveUser(t.db);
    await expect(issueInvite(t.db, { email: student.email, name: "Again", role: "student", actorId: null })).rejects.toMatchObject({ kind: "conflict", field: "email" });
  });

  it("authenticates active accounts only, counting and auditing each attempt", async () => {
    const student = await createActiveUser(t.db, "student", PASSWORD);
    expect(await authenticate(t.db, { email: student.email.toUpperCase(), password: PASSWORD })).toMatchObject({ ok: true, userId: student.id });
    expect(await authenticate(t.db, { email: student.email, password: PASSWORD + "x" })).toEqual({ ok: false });
    expect(await authenticate(t.db, { email: "nobody@example.org", password: PASSWORD })).toEqual({ ok: false });
    const events = await t.db.eventLog.findMany({ where: { action: { in: ["login.succeeded", "login.failed"] } }, orderBy: { id: "asc" } });
    expect(events.slice(-3).map((e) => e.action)).toEqual(["login.succeeded", "login.failed", "login.failed"]);
  });

  it("ends sessions on logout, on 'log out everywhere' and on deactivation", async () => {
    const student = await createActiveUser(t.db);
    const admin = await createActiveUser(t.db, "admin");
    const sv = (await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).sessionVersion;
    const a = await createSession(t.db, student.id);
    const b = await createSession(t.db, student.id);
    expect(await validateSession(t.db, { sub: student.id, sid: a.sid, sv })).toMatchObject({ id: student.id, role: "student" });
    expect(await validateSession(t.db, { sub: admin.id, sid: a.sid, sv })).toBeNull(); // a session belongs to one user

    await revokeSession(t.db, a.sid);
    expect(await validateSession(t.db, { sub: student.id, sid: a.sid, sv })).toBeNull();
    expect(await validateSession(t.db, { sub: student.id, sid: b.sid, sv })).not.toBeNull();

    await revokeAllSessions(t.db, student.id);
    expect(await validateSession(t.db, { sub: student.id, sid: b.sid, sv })).toBeNull();

    const c = await createSession(t.db, student.id);
    const sv2 = sv + 1;
    expect(await validateSession(t.db, { sub: student.id, sid: c.sid, sv: sv2 })).not.toBeNull();
    await setStudentActive(admin.user, student.id, false, "req-1");
    expect(await validateSession(t.db, { sub: student.id, sid: c.sid, sv: sv2 })).toBeNull();
    expect(await authenticate(t.db, { email: student.email, password: student.password })).toEqual({ ok: false });
    const audit = await t.db.eventLog.findFirstOrThrow({ where: { action: "student.deactivated", targetId: student.id } });
    expect(audit).toMatchObject({ actorId: admin.id, requestId: "req-1" });
  });

  it("enforces idle and absolute session lifetimes", async () => {
    const student = await createActiveUser(t.db);
    const sv = (await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).sessionVersion;
    const start = new Date();
    const s = await createSession(t.db, student.id, start);
    const claims = { sub: student.id, sid: s.sid, sv };
    expect(await validateSession(t.db, claims, new Date(start.getTime() + 11 * 3600_000))).not.toBeNull(); // within 12 h idle
    expect(await validateSession(t.db, claims, new Date(start.getTime() + 11 * 3600_000 + 13 * 3600_000))).toBeNull(); // idle > 12 h
    const s2 = await createSession(t.db, student.id, start);
    expect(await validateSession(t.db, { ...claims, sid: s2.sid }, new Date(start.getTime() + 8 * 24 * 3600_000))).toBeNull(); // past 7 days
  });

  it("lets only admins list and deactivate students", async () => {
    const student = await createActiveUser(t.db);
    await expect(listStudents(student.user)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(setStudentActive(student.user, student.id, false, null)).rejects.toMatchObject({ kind: "forbidden" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: student.id } })).status).toBe("active");
  });

  it("issues a first-run admin invite only while there is no active admin", async () => {
    const fresh = await createTestDb();
    try {
      const first = await bootstrapAdminInvite(fresh.db);
      expect(first).not.toBeNull();
      const again = await bootstrapAdminInvite(fresh.db);
      expect(again?.email).toBe(first?.email);
      expect(await inspectInvite(fresh.db, first!.token)).toEqual({ kind: "revoked" }); // superseded
      await redeemInvite(fresh.db, { token: again!.token, password: PASSWORD });
      expect(await bootstrapAdminInvite(fresh.db)).toBeNull();
    } finally {
      await fresh.cleanup();
    }
  });
});
