// Once a day per student, at MINIPORTAL_MAIL_HOUR in the student's own zone: the
// due-review reminder (cards due and no review yet that local day) and the digest
// of announcements for those who chose "daily". The student's row records the
// local day it ran for, claimed with a conditional update, so two instances (or
// a restart within the hour) never send the same day twice.
import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { loadReviewSession } from "../review/queue";
import { localDayAndHour, startOfLocalDay } from "../time/zones";
import { type ComposedMail, type MailKind, digestMail, reminderMail } from "./compose";
import { enqueue, prepareMail } from "./outbox";
import { recipientOf, zoneOf } from "./recipient";
import { mailLinks } from "./unsubscribe";

/** A first digest after email is turned on reaches back at most this far. */
const DIGEST_LOOKBACK_MS = 7 * 24 * 3600_000;

type Student = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  timeZone: string | null;
  mailReminders: string;
  mailAnnouncements: string;
  dailyMailOn: string | null;
  digestedUntil: Date | null;
  createdAt: Date;
};

async function dueReviews(s: Student, since: Date, now: Date): Promise<number> {
  const reviewed = await db().reviewLog.count({ where: { userId: s.id, reviewedAt: { gte: since }, undoneAt: null } });
  if (reviewed > 0) return 0;
  const session = await loadReviewSession(
    {
      id: s.id,
      email: s.email,
      name: s.name,
      role: "student",
      sessionId: "mail",
      locale: s.locale,
      timeZone: zoneOf(s),
    },
    {},
    now,
  );
  return session?.due.reviews ?? 0;
}

/** What one student gets today: nothing, a reminder, a digest, or both. */
async function messagesFor(s: Student, now: Date, since: Date) {
  const recipient = recipientOf(s);
  const reviewUrl = new URL("/review", env().baseUrl).toString();
  const wantsReminder = s.mailReminders !== "never";
  const due = wantsReminder ? await dueReviews(s, since, now) : 0;
  const digestFrom = new Date(Math.max((s.digestedUntil ?? s.createdAt).getTime(), now.getTime() - DIGEST_LOOKBACK_MS));
  const announcements =
    s.mailAnnouncements === "daily"
      ? await db().announcement.findMany({
          where: { withdrawnAt: null, createdAt: { gt: digestFrom, lte: now } },
          orderBy: { createdAt: "asc" },
          select: { title: true, body: true },
        })
      : [];
  const out: { kind: MailKind; mail: ComposedMail }[] = [];
  if (due > 0 && s.mailReminders === "immediately")
    out.push({ kind: "reminder", mail: reminderMail(recipient, due, reviewUrl, mailLinks(s.id, "reminders")) });
  const digestDue = s.mailReminders === "daily" ? due : 0;
  if (digestDue > 0 || announcements.length)
    out.push({
      kind: "digest",
      mail: digestMail(recipient, { due: digestDue || null, announcements }, reviewUrl, mailLinks(s.id, "all")),
    });
  return out;
}

/** Runs the day's mail for every student whose local hour has come; returns how many messages it queued. */
export async function runDailyMail(now = new Date()): Promise<number> {
  const hour = env().MINIPORTAL_MAIL_HOUR;
  const students: Student[] = await db().user.findMany({
    where: {
      role: "student",
      status: "active",
      OR: [{ mailReminders: { not: "never" } }, { mailAnnouncements: "daily" }],
    },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      timeZone: true,
      mailReminders: true,
      mailAnnouncements: true,
      dailyMailOn: true,
      digestedUntil: true,
      createdAt: true,
    },
  });
  let queued = 0;
  for (const s of students) {
    const zone = zoneOf(s);
    const local = localDayAndHour(zone, now);
    if (local.hour < hour || s.dailyMailOn === local.day) continue;
    const messages = await messagesFor(s, now, startOfLocalDay(zone, now));
    const prepared = await Promise.all(messages.map((m) => prepareMail(m.kind, s, m.mail)));
    queued += await db().$transaction(async (tx) => {
      const claimed = await tx.user.updateMany({
        where: { id: s.id, OR: [{ dailyMailOn: null }, { dailyMailOn: { not: local.day } }] },
        data: { dailyMailOn: local.day, ...(s.mailAnnouncements === "daily" ? { digestedUntil: now } : {}) },
      });
      if (claimed.count !== 1) return 0; // another instance ran this day already
      for (const p of prepared) await enqueue(tx, p, s.id, now);
      return prepared.length;
    });
  }
  return queued;
}
