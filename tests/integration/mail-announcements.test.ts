// Announcements through lib/mail/announcements.ts on a real database: who gets an
// immediate email (active students who chose "immediately", nobody else), that a
// portal without email still publishes, who may do what, and what each student's
// dashboard shows after a dismissal or a withdrawal.
import { afterEach, describe, expect, it } from "vitest";
import { issueInvite } from "@/lib/auth/invites";
import type { SessionUser } from "@/lib/auth/session-user";
import { resetEnvCache } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/actions/form-state";
import {
  activeAnnouncementsFor,
  announcementSchema,
  dismissAnnouncement,
  listAnnouncements,
  publishAnnouncement,
  withdrawAnnouncement,
} from "@/lib/mail/announcements";
import { openMessage } from "@/lib/mail/outbox";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const MAIL_ENV = { MINIPORTAL_SMTP_URL: "smtp://127.0.0.1:2525", MINIPORTAL_MAIL_FROM: "portal@example.org" };

function mailOn(on: boolean) {
  for (const [k, v] of Object.entries(MAIL_ENV)) {
    if (on) process.env[k] = v;
    else delete process.env[k];
  }
  resetEnvCache();
}

/** The error a promise rejects with, to look at its kind and field. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe("announcements", () => {
  const t = useTestDb();
  afterEach(() => mailOn(false));

  async function student(prefs: { mailAnnouncements?: string; status?: string; locale?: string } = {}) {
    const { user } = await createActiveUser("student");
    await t.db.user.update({ where: { id: user.id }, data: prefs });
    return user;
  }

  it("emails only active students who chose immediately, in their language, with the announcement", async () => {
    const { user: admin } = await createActiveUser("admin");
    const immediate = await student();
    const spanish = await student({ locale: "es" });
    const daily = await student({ mailAnnouncements: "daily" });
    const never = await student({ mailAnnouncements: "never" });
    const disabled = await student({ status: "disabled" });
    const invited = await issueInvite({
      email: "invited@example.org",
      name: "Invited",
      role: "student",
      actorId: null,
    });
    // Earlier tests' students are active "immediately" too: every such student is a recipient.
    const expected = await t.db.user.findMany({
      where: { role: "student", status: "active", mailAnnouncements: "immediately" },
      select: { id: true },
    });
    expect(ids(expected)).toEqual(expect.arrayContaining([immediate.id, spanish.id]));

    mailOn(true);
    const published = await publishAnnouncement(
      admin,
      { title: "Exam moved", body: "The **phase 3** exam is now on Friday." },
      "req-1",
    );
    expect(published.emailed).toBe(expected.length);

    const rows = await t.db.outboxMessage.findMany({ where: { kind: "announcement" } });
    expect(rows.map((r) => r.userId).sort()).toEqual(ids(expected).sort());
    for (const excluded of [daily.id, never.id, disabled.id, invited.userId, admin.id])
      expect(rows.map((r) => r.userId)).not.toContain(excluded);

    const announcement = await t.db.announcement.findUniqueOrThrow({ where: { id: published.id } });
    expect(rows.every((r) => r.createdAt.getTime() === announcement.createdAt.getTime())).toBe(true);
    expect(announcement.authorId).toBe(admin.id);

    const english = await openMessage(rows.find((r) => r.userId === immediate.id)!);
    expect(english.subject).toBe("Announcement: Exam moved");
    expect(english.html).toContain("<strong>phase 3</strong>");
    expect(english.headers["List-Unsubscribe"]).toMatch(/\/unsubscribe\//);
    expect((await openMessage(rows.find((r) => r.userId === spanish.id)!)).subject).toBe("Anuncio: Exam moved");

    const event = await t.db.eventLog.findFirstOrThrow({ where: { action: "announcement.published" } });
    expect(event).toMatchObject({ actorId: admin.id, targetType: "announcement", targetId: published.id });
    expect(event.requestId).toBe("req-1");
    expect(JSON.parse(event.detail!)).toEqual({ id: published.id, emailed: expected.length });

    const listed = (await listAnnouncements(admin)).find((a) => a.id === published.id)!;
    expect(listed.mail).toEqual({ pending: expected.length, sent: 0, failed: 0 });
    expect(listed.authorName).toBe(admin.name);
    // Delivery states are counted per announcement.
    await t.db.outboxMessage.update({ where: { id: rows[0]!.id }, data: { status: "sent" } });
    const after = (await listAnnouncements(admin)).find((a) => a.id === published.id)!;
    expect(after.mail).toEqual({ pending: expected.length - 1, sent: 1, failed: 0 });
  });

  it("with email off, publishes to dashboards and queues nothing", async () => {
    const { user: admin } = await createActiveUser("admin");
    const reader = await student();
    const before = await t.db.outboxMessage.count();
    const published = await publishAnnouncement(admin, { title: "No mail", body: "Dashboards only." }, null);
    expect(published.emailed).toBe(0);
    expect(await t.db.outboxMessage.count()).toBe(before);
    expect(ids(await activeAnnouncementsFor(reader))).toContain(published.id);
    const listed = (await listAnnouncements(admin)).find((a) => a.id === published.id)!;
    expect(listed.mail).toEqual({ pending: 0, sent: 0, failed: 0 });
  });

  it("refuses a student who publishes, withdraws or lists, and an admin who dismisses", async () => {
    const { user: admin } = await createActiveUser("admin");
    const pupil = await student();
    const before = await t.db.announcement.count();
    expect((await refusal(publishAnnouncement(pupil, { title: "Hi", body: "x" }, null))).kind).toBe("forbidden");
    expect(await t.db.announcement.count()).toBe(before);
    const { id } = await publishAnnouncement(admin, { title: "Real", body: "Real text." }, null);
    expect((await refusal(withdrawAnnouncement(pupil, id, null))).kind).toBe("forbidden");
    expect((await refusal(listAnnouncements(pupil))).kind).toBe("forbidden");
    expect((await refusal(dismissAnnouncement(admin, id))).kind).toBe("forbidden");
    expect((await refusal(activeAnnouncementsFor(admin))).kind).toBe("forbidden");
  });

  it("a dismissal hides it for that student only, and dismissing twice is fine", async () => {
    const { user: admin } = await createActiveUser("admin");
    const [ana, ben] = [await student(), await student()];
    const { id } = await publishAnnouncement(admin, { title: "Dismiss me", body: "Text." }, null);
    await dismissAnnouncement(ana, id);
    await dismissAnnouncement(ana, id);
    expect(ids(await activeAnnouncementsFor(ana))).not.toContain(id);
    expect(ids(await activeAnnouncementsFor(ben))).toContain(id);
    expect((await listAnnouncements(admin)).find((a) => a.id === id)!.dismissals).toBe(1);
    expect((await refusal(dismissAnnouncement(ana, "nosuchannouncement"))).kind).toBe("not_found");
  });

  it("a withdrawal hides it for everyone, is audited once and cannot be dismissed afterwards", async () => {
    const { user: admin } = await createActiveUser("admin");
    const [ana, ben] = [await student(), await student()];
    const { id } = await publishAnnouncement(admin, { title: "Withdraw me", body: "Text." }, null);
    expect(ids(await activeAnnouncementsFor(ana))).toContain(id);
    await withdrawAnnouncement(admin, id, "req-w");
    await withdrawAnnouncement(admin, id, "req-w2");
    for (const reader of [ana, ben]) expect(ids(await activeAnnouncementsFor(reader))).not.toContain(id);
    expect((await listAnnouncements(admin)).find((a) => a.id === id)!.withdrawnAt).toBeInstanceOf(Date);
    const events = await t.db.eventLog.findMany({ where: { action: "announcement.withdrawn", targetId: id } });
    expect(events.map((e) => e.requestId)).toEqual(["req-w"]);
    expect((await refusal(dismissAnnouncement(ana, id))).kind).toBe("not_found");
    expect((await refusal(withdrawAnnouncement(admin, "nosuchannouncement", null))).kind).toBe("not_found");
  });

  it("a dashboard shows at most five, newest first, from the last 60 days", async () => {
    const { user: admin } = await createActiveUser("admin");
    const reader: SessionUser = await student();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      made.push((await publishAnnouncement(admin, { title: `News ${i}`, body: `Item ${i}.` }, null)).id);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct createdAt
    }
    const old = made[6]!;
    await t.db.announcement.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 61 * 86_400_000) } });
    const shown = await activeAnnouncementsFor(reader);
    expect(ids(shown)).toEqual([made[5], made[4], made[3], made[2], made[1]]);
  });

  it("refuses an empty or overlong title or text with a message per field", async () => {
    const { user: admin } = await createActiveUser("admin");
    const empty = announcementSchema.safeParse({ title: "  ", body: "\n" });
    expect(empty.success).toBe(false);
    expect(fieldErrorsOf(empty.error!)).toEqual({
      title: "admin.announcements.form.titleMissing",
      body: "admin.announcements.form.bodyMissing",
    });
    const long = announcementSchema.safeParse({ title: "x".repeat(121), body: "y".repeat(20_001) });
    expect(fieldErrorsOf(long.error!)).toEqual({
      title: "Use at most 120 characters.",
      body: "Use at most 20,000 characters.",
    });
    const twoLines = announcementSchema.safeParse({ title: "One\r\nBcc: x@example.org", body: "ok" });
    expect(fieldErrorsOf(twoLines.error!)).toEqual({ title: "admin.announcements.form.titleControl" });
    expect(announcementSchema.safeParse({ title: "x".repeat(120), body: "y".repeat(20_000) }).success).toBe(true);

    // lib/ holds the same limits for a caller that skipped the form.
    const before = await t.db.announcement.count();
    const refused = await refusal(publishAnnouncement(admin, { title: "", body: "text" }, null));
    expect(refused).toMatchObject({ kind: "invalid", field: "title" });
    expect(await t.db.announcement.count()).toBe(before);
  });
});
