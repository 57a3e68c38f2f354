// The per-student calendar feed: opt-in on /account, read by calendar apps
// without a session, so the URL's secret is the whole authority. Only its
// SHA-256 is stored (like invite tokens): the URL is shown once, when the feed
// is turned on or its link reset, and resetting makes the old URL answer 404.
import { createHash, randomBytes } from "node:crypto";
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { formatPhaseNumber } from "../content/phase-number";
import { db } from "../db/client";
import { env } from "../env";
import { DEFAULT_LOCALE, isLocale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { type CalendarEvent, icsCalendar } from "./ics";

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");
/** 32 random bytes, base64url: the secret in /calendar/<secret>.ics. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** A moment on a calendar: a due date or an opening, shown as a 30-minute event ending there or starting there. */
const EVENT_MS = 30 * 60_000;

export const calendarPath = (secret: string) => `/calendar/${secret}.ics`;

export async function calendarFeedEnabled(user: SessionUser): Promise<boolean> {
  assertRole(user, "student");
  const row = await db().user.findUnique({ where: { id: user.id }, select: { calendarTokenHash: true } });
  return !!row?.calendarTokenHash;
}

/** Turns the feed on, or gives it a new link (the old one stops working). Returns the new URL's path. */
export async function resetCalendarFeed(user: SessionUser, requestId: string | null): Promise<string> {
  assertRole(user, "student");
  const secret = randomBytes(32).toString("base64url");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { calendarTokenHash: hashOf(secret) } });
    await recordEvent(tx, {
      actorId: user.id,
      action: "calendar.link_issued",
      targetType: "user",
      targetId: user.id,
      requestId,
    });
  });
  return calendarPath(secret);
}

export async function disableCalendarFeed(user: SessionUser, requestId: string | null): Promise<void> {
  assertRole(user, "student");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { calendarTokenHash: null } });
    await recordEvent(tx, {
      actorId: user.id,
      action: "calendar.turned_off",
      targetType: "user",
      targetId: user.id,
      requestId,
    });
  });
}

/** The feed behind a URL's secret, in the student's language; null for any secret that opens nothing. */
export async function calendarForSecret(secret: string, now = new Date()): Promise<string | null> {
  if (!SECRET.test(secret)) return null;
  const student = await db().user.findUnique({
    where: { calendarTokenHash: hashOf(secret) },
    select: { role: true, status: true, locale: true },
  });
  if (!student || student.role !== "student" || student.status !== "active") return null;
  const locale = isLocale(student.locale) ? student.locale : DEFAULT_LOCALE;
  const t = translatorFor(locale);
  const base = env().baseUrl;
  const events: CalendarEvent[] = [];
  for (const p of (await courseView(locale)).phases) {
    const nn = formatPhaseNumber(p.number);
    const url = new URL(`/phase/${nn}`, base).toString();
    if (p.opensAt)
      events.push({
        uid: `phase-${p.slug}-opens@miniportal`,
        start: p.opensAt,
        end: new Date(p.opensAt.getTime() + EVENT_MS),
        summary: t("phase.calendar.opens", { nn, title: p.title }),
        url,
      });
    if (p.dueAt)
      events.push({
        uid: `phase-${p.slug}-due@miniportal`,
        start: new Date(p.dueAt.getTime() - EVENT_MS + 60_000),
        end: new Date(p.dueAt.getTime() + 60_000),
        summary: t("phase.calendar.due", { nn, title: p.title }),
        description: t("phase.calendar.dueDetail"),
        url,
      });
  }
  return icsCalendar(t("phase.calendar.name"), events, now);
}
