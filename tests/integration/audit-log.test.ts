// The audit trail: which events are written, with which fields, in the same
// transaction as the change; append-only in the database; the admin query.
import { beforeAll, describe, expect, it } from "vitest";
import { setStudentActive } from "@/lib/admin/students";
import { viewStudentProgress } from "@/lib/admin/progress";
import { recordEvent } from "@/lib/audit/events";
import { AUDIT_PAGE_SIZE, listAuditEvents, parseAuditFilters } from "@/lib/audit/queries";
import { issueInvite, redeemInvite } from "@/lib/auth/invites";
import { authenticate } from "@/lib/auth/login";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

describe("audit trail", () => {
  const t = useTestDb();
  let admin: Awaited<ReturnType<typeof createActiveUser>>;
  beforeAll(async () => {
    admin = await createActiveUser("admin");
  });

  const last = (action: string) => t.db.eventLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });

  it("records logins, invites, redemptions, views and deactivations with actor, target, UTC time and request id", async () => {
    const startedAt = Date.now();
    const invite = await issueInvite({
      email: "aud@example.org",
      name: "Aud",
      role: "student",
      actorId: admin.id,
      requestId: "req-issue",
    });
    expect(await last("invite.issued")).toMatchObject({
      actorId: admin.id,
      targetId: invite.userId,
      requestId: "req-issue",
    });
    await redeemInvite({ token: invite.token, password: "marble stairs at dawn", requestId: "req-redeem" });
    expect(await last("invite.redeemed")).toMatchObject({
      actorId: invite.userId,
      targetType: "invite",
      requestId: "req-redeem",
    });
    await authenticate({ email: "aud@example.org", password: "marble stairs at dawn", requestId: "req-login" });
    expect(await last("login.succeeded")).toMatchObject({
      actorId: invite.userId,
      targetId: invite.userId,
      requestId: "req-login",
    });
    await authenticate({ email: "aud@example.org", password: "not it at all, sorry", requestId: "req-bad" });
    const failed = await last("login.failed");
    expect(failed).toMatchObject({ actorId: null, targetId: invite.userId, requestId: "req-bad" });
    expect(failed.detail).not.toContain("not it at all");
    await authenticate({ email: "ghost@example.org", password: "whatever whatever", requestId: "req-ghost" });
    expect(JSON.parse((await last("login.failed")).detail!)).toEqual({ reason: "unknown_account" });

    await viewStudentProgress(admin.user, invite.userId, "req-view");
    expect(await last("student.viewed")).toMatchObject({
      actorId: admin.id,
      targetId: invite.userId,
      requestId: "req-view",
    });
    await setStudentActive(admin.user, invite.userId, false, "req-deact");
    const deact = await last("student.deactivated");
    expect(deact).toMatchObject({ actorId: admin.id, targetId: invite.userId, requestId: "req-deact" });
    // Stored as a UTC instant of this run.
    expect(deact.at.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(deact.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("an event is written in the change's transaction: a refused change leaves no row", async () => {
    const before = await t.db.eventLog.count();
    await expect(
      issueInvite({ email: admin.email, name: "Dup", role: "student", actorId: admin.id }),
    ).rejects.toMatchObject({ kind: "conflict", field: "email" });
    await expect(setStudentActive(admin.user, "no-such-student", false, null)).rejects.toMatchObject({
      kind: "not_found",
    });
    expect(await t.db.eventLog.count()).toBe(before);
    // And a change that fails after its event was written rolls the event back too.
    await expect(
      t.db.$transaction(async (tx) => {
        await recordEvent(tx, { actorId: admin.id, action: "student.reactivated", targetId: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.eventLog.count()).toBe(before);
  });

  it("the database refuses to update or delete audit rows", async () => {
    const row = await last("invite.issued");
    await expect(t.db.eventLog.update({ where: { id: row.id }, data: { action: "tampered" } })).rejects.toThrow();
    await expect(t.db.eventLog.delete({ where: { id: row.id } })).rejects.toThrow();
    await expect(t.db.eventLog.deleteMany({})).rejects.toThrow();
    await expect(t.db.$executeRawUnsafe(`UPDATE event_log SET "actorId" = NULL`)).rejects.toThrow();
    expect(await t.db.eventLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("lists, filters and pages events for admins only", async () => {
    const student = await createActiveUser();
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
      await authenticate({ email: student.email, password: `wrong attempt number ${i}` });
    }
    const all = parseAuditFilters({ action: "login.failed", target: student.email }).filters;
    const page1 = await listAuditEvents(admin.user, all, "req-audit");
    expect(page1.total).toBe(AUDIT_PAGE_SIZE + 5);
    expect(page1.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page1.pages).toBe(2);
    expect(page1.rows.every((r) => r.action === "login.failed" && r.target?.label === student.email)).toBe(true);
    expect(page1.rows[0]!.id).toBeGreaterThan(page1.rows[1]!.id); // newest first
    const page2 = await listAuditEvents(admin.user, { ...all, page: 2 });
    expect(page2.rows).toHaveLength(5);
    expect(page1.actions).toEqual(expect.arrayContaining(["login.failed", "invite.issued", "student.deactivated"]));
    // Reading the log is itself recorded.
    expect(
      await t.db.eventLog.count({ where: { action: "audit.viewed", actorId: admin.id, requestId: "req-audit" } }),
    ).toBe(1);

    // Filtering by a person's email finds the events aimed at their invites too.
    const aud = await listAuditEvents(admin.user, parseAuditFilters({ target: "aud@example.org" }).filters);
    expect(aud.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "invite.issued",
        "invite.redeemed",
        "login.failed",
        "student.viewed",
        "student.deactivated",
      ]),
    );

    const byActor = await listAuditEvents(
      admin.user,
      parseAuditFilters({ actor: admin.email, action: "invite.issued" }).filters,
    );
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(byActor.rows.every((r) => r.actor?.id === admin.id)).toBe(true);
    const system = await listAuditEvents(
      admin.user,
      parseAuditFilters({ actor: "system", action: "login.failed" }).filters,
    );
    expect(system.rows.every((r) => r.actor === null)).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await listAuditEvents(admin.user, parseAuditFilters({ from: today, to: today }).filters)).total,
    ).toBeGreaterThan(0);
    expect((await listAuditEvents(admin.user, parseAuditFilters({ to: "2000-01-01" }).filters)).total).toBe(0);

    const bad = parseAuditFilters({ from: "2026-13-45", page: "-3", action: "DROP TABLE", to: ["2026-01-01", "x"] });
    expect(bad.problems.map((p) => p.split(":")[0])).toEqual(["action", "from"]);
    expect(bad.filters).toMatchObject({ page: 1, to: "2026-01-01" });

    await expect(listAuditEvents(student.user, all)).rejects.toMatchObject({ kind: "forbidden" });
  });
});
