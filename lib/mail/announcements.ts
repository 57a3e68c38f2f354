// Announcements: written by an admin, shown on every student's dashboard until
// dismissed or withdrawn, and emailed at once to active students who chose
// "immediately" (the daily digest picks up the others). The emails are sealed
// before the transaction and inserted inside it, so an announcement and its
// emails commit together; each outbox row shares the announcement's createdAt,
// which is how the admin list finds its delivery counts without another column.
import "server-only";
import { z } from "zod";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/write-errors";
import { DomainError } from "../errors";
// zod's generic messages in plain words, for parses outside a form (the backstop below).
import "../validation/messages";
import { announcementMail } from "./compose";
import { enqueue, mailEnabled, prepareMail, type PreparedMail } from "./outbox";
import { recipientOf } from "./recipient";
import { mailLinks } from "./unsubscribe";

export const TITLE_MAX = 120;
export const BODY_MAX = 20_000;
/** How long an announcement stays on dashboards, and how many show at once. */
const ACTIVE_DAYS = 60;
const ACTIVE_MAX = 5;
/** The admin list is a recent history, not an archive. */
const LIST_MAX = 100;

// Control characters (a newline) would break the email's subject line; the body is markdown and keeps them.
export const announcementSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "admin.announcements.form.titleMissing")
    .max(TITLE_MAX)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "admin.announcements.form.titleControl"),
  body: z.string().trim().min(1, "admin.announcements.form.bodyMissing").max(BODY_MAX),
});
export type AnnouncementInput = z.infer<typeof announcementSchema>;

/** An announcement id as a form sends it (cuid: letters and digits). */
export const announcementIdField = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, "errors.noSuchAnnouncement");

export type AnnouncementRow = {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  withdrawnAt: Date | null;
  authorName: string | null;
  dismissals: number;
  /** The immediate emails of this announcement by state ("pending" includes those being sent). */
  mail: { pending: number; sent: number; failed: number };
};

export type ActiveAnnouncement = { id: string; title: string; body: string; createdAt: Date };

type Recipient = { id: string; email: string; name: string; locale: string | null; timeZone: string | null };

async function prepareAll(recipients: Recipient[], content: AnnouncementInput): Promise<PreparedMail[]> {
  const prepared: PreparedMail[] = [];
  // One at a time: the first seal may create the vault's data key, and parallel seals would race to.
  for (const r of recipients) {
    const mail = announcementMail(recipientOf(r), content, mailLinks(r.id, "announcements"));
    prepared.push(await prepareMail("announcement", { id: r.id, email: r.email }, mail));
  }
  return prepared;
}

export async function publishAnnouncement(
  actor: SessionUser,
  input: AnnouncementInput,
  requestId: string | null,
): Promise<{ id: string; emailed: number }> {
  assertRole(actor, "admin");
  // The form validates first; this holds for any other caller.
  const parsed = announcementSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError("invalid", "announcementInvalid", String(parsed.error.issues[0]?.path[0] ?? "title"));
  }
  const content = parsed.data;
  const recipients = mailEnabled()
    ? await db().user.findMany({
        where: { role: "student", status: "active", mailAnnouncements: "immediately" },
        select: { id: true, email: true, name: true, locale: true, timeZone: true },
        orderBy: { id: "asc" },
      })
    : [];
  const prepared = await prepareAll(recipients, content);
  // One instant for the announcement and its emails: listAnnouncements matches them by it.
  const now = new Date();
  const id = await db().$transaction(async (tx) => {
    const created = await tx.announcement.create({
      data: { title: content.title, body: content.body, authorId: actor.id, createdAt: now },
      select: { id: true },
    });
    for (const mail of prepared) await enqueue(tx, mail, mail.userId, now);
    await recordEvent(tx, {
      actorId: actor.id,
      action: "announcement.published",
      targetType: "announcement",
      targetId: created.id,
      requestId,
      detail: { id: created.id, emailed: prepared.length },
    });
    return created.id;
  });
  return { id, emailed: prepared.length };
}

/** Takes it off every dashboard. Email already queued or sent is not recalled. Withdrawing twice is a no-op. */
export async function withdrawAnnouncement(actor: SessionUser, id: string, requestId: string | null): Promise<void> {
  assertRole(actor, "admin");
  await db().$transaction(async (tx) => {
    const found = await tx.announcement.findUnique({ where: { id }, select: { withdrawnAt: true } });
    if (!found) throw new DomainError("not_found", "noSuchAnnouncement");
    if (found.withdrawnAt) return;
    await tx.announcement.update({ where: { id }, data: { withdrawnAt: new Date() } });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "announcement.withdrawn",
      targetType: "announcement",
      targetId: id,
      requestId,
    });
  });
}

export async function listAnnouncements(actor: SessionUser): Promise<AnnouncementRow[]> {
  assertRole(actor, "admin");
  const rows = await db().announcement.findMany({
    orderBy: { createdAt: "desc" },
    take: LIST_MAX,
    include: { _count: { select: { dismissals: true } } },
  });
  if (!rows.length) return [];
  const authorIds = [...new Set(rows.map((r) => r.authorId).filter((v): v is string => Boolean(v)))];
  const [authors, counts] = await Promise.all([
    db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } }),
    db().outboxMessage.groupBy({
      by: ["createdAt", "status"],
      where: { kind: "announcement", createdAt: { in: rows.map((r) => r.createdAt) } },
      _count: { _all: true },
    }),
  ]);
  const names = new Map(authors.map((a) => [a.id, a.name]));
  const mail = new Map<number, AnnouncementRow["mail"]>();
  for (const c of counts) {
    const at = c.createdAt.getTime();
    const entry = mail.get(at) ?? { pending: 0, sent: 0, failed: 0 };
    const state = c.status === "sent" || c.status === "failed" ? c.status : "pending";
    entry[state] += c._count._all;
    mail.set(at, entry);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    createdAt: r.createdAt,
    withdrawnAt: r.withdrawnAt,
    authorName: r.authorId ? (names.get(r.authorId) ?? null) : null,
    dismissals: r._count.dismissals,
    mail: mail.get(r.createdAt.getTime()) ?? { pending: 0, sent: 0, failed: 0 },
  }));
}

/** What a student's dashboard shows: recent, not withdrawn, not dismissed by them; newest first. */
export async function activeAnnouncementsFor(user: SessionUser, now = new Date()): Promise<ActiveAnnouncement[]> {
  assertRole(user, "student", "studentsOnlyDashboard");
  return db().announcement.findMany({
    where: {
      withdrawnAt: null,
      createdAt: { gte: new Date(now.getTime() - ACTIVE_DAYS * 86_400_000) },
      dismissals: { none: { userId: user.id } },
    },
    orderBy: { createdAt: "desc" },
    take: ACTIVE_MAX,
    select: { id: true, title: true, body: true, createdAt: true },
  });
}

/** Hides an announcement from this student's dashboard; dismissing it again changes nothing. */
export async function dismissAnnouncement(user: SessionUser, id: string): Promise<void> {
  assertRole(user, "student", "studentsOnlyDashboard");
  const found = await db().announcement.findFirst({ where: { id, withdrawnAt: null }, select: { id: true } });
  if (!found) throw new DomainError("not_found", "noSuchAnnouncement");
  try {
    await db().announcementDismissal.upsert({
      where: { userId_announcementId: { userId: user.id, announcementId: id } },
      create: { userId: user.id, announcementId: id },
      update: {},
    });
  } catch (error) {
    // Two dismissals at once (a double click in two tabs): the other one wrote it.
    if (!isUniqueViolation(error)) throw error;
  }
}
