// Which optional emails a user gets (announcements, review reminders) and the
// zone their "daily" means, chosen on /account or stopped by an unsubscribe link
// (no sign-in: the signed token is the authority). Invites and reset links are not
// optional and are not governed here.
import "server-only";
import { z } from "zod";
import { recordEvent } from "../audit/events";
import { displayEmail } from "../auth/email";
import type { SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { env } from "../env";
import { DomainError, type ErrorKey } from "../errors";
import { isTimeZone } from "../time/zones";
import { mailEnabled } from "./outbox";
import { readUnsubscribeToken, type UnsubscribeScope } from "./unsubscribe";

/** immediately: its own email as it happens; daily: inside the once-a-day digest; never: none. */
export const MAIL_FREQUENCIES = ["immediately", "daily", "never"] as const;
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number];
/** The optional kinds a user chooses for (the columns mailAnnouncements, mailReminders). */
export type OptionalMail = "announcements" | "reminders";

export type MailPreferences = {
  announcements: MailFrequency;
  reminders: MailFrequency;
  /** The user's own IANA zone, or null to follow the cohort's. */
  timeZone: string | null;
  cohortTimeZone: string;
  /** The local hour (0–23) the daily reminder and digest go at (MINIPORTAL_MAIL_HOUR). */
  mailHour: number;
  mailEnabled: boolean;
};

const frequency = z.enum(MAIL_FREQUENCIES, { error: "errors.mailFrequency" });

/**
 * The form's input, shared by the /account action (field errors) and
 * updateMailPreferences (the check that holds when the action is bypassed).
 * An absent kind stays as it is (admins' form has only the zone); timeZone ""
 * follows the cohort's zone again. Messages are catalogue paths.
 */
export const mailPreferencesSchema = z.object({
  announcements: frequency.optional(),
  reminders: frequency.optional(),
  timeZone: z
    .string()
    .max(64, "errors.timeZoneUnknown")
    .refine((v) => v === "" || isTimeZone(v), "errors.timeZoneUnknown")
    .optional(),
});
/** Unvalidated, as a form or a caller sends it. */
export type MailPreferencesInput = { announcements?: string; reminders?: string; timeZone?: string };

/** A stored value this version does not know reads as the default, never as a crash. */
const frequencyOf = (stored: string): MailFrequency =>
  (MAIL_FREQUENCIES as readonly string[]).includes(stored) ? (stored as MailFrequency) : "immediately";

const SELECT = { email: true, mailAnnouncements: true, mailReminders: true, timeZone: true } as const;
type Row = { mailAnnouncements: string; mailReminders: string; timeZone: string | null };

function preferencesOf(row: Row): MailPreferences {
  return {
    announcements: frequencyOf(row.mailAnnouncements),
    reminders: frequencyOf(row.mailReminders),
    // A zone this Node no longer knows (an old tzdata name) falls back to the cohort's.
    timeZone: row.timeZone && isTimeZone(row.timeZone) ? row.timeZone : null,
    cohortTimeZone: env().MINIPORTAL_TIMEZONE,
    mailHour: env().MINIPORTAL_MAIL_HOUR,
    mailEnabled: mailEnabled(),
  };
}

/** The acting user's own choices (nobody reads another's). */
export async function getMailPreferences(actor: SessionUser): Promise<MailPreferences> {
  const row = await db().user.findUniqueOrThrow({ where: { id: actor.id }, select: SELECT });
  return preferencesOf(row);
}

export async function updateMailPreferences(
  actor: SessionUser,
  input: MailPreferencesInput,
  requestId: string | null = null,
): Promise<MailPreferences> {
  const parsed = mailPreferencesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = (issue?.message.startsWith("errors.") ? issue.message.slice(7) : "mailFrequency") as ErrorKey;
    throw new DomainError("invalid", key, String(issue?.path[0] ?? "form"));
  }
  const { announcements, reminders, timeZone } = parsed.data;
  const data = {
    ...(announcements ? { mailAnnouncements: announcements } : {}),
    ...(reminders ? { mailReminders: reminders } : {}),
    ...(timeZone !== undefined ? { timeZone: timeZone || null } : {}),
  };
  const row = await db().$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: actor.id }, data, select: SELECT });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "account.mail_preferences",
      targetType: "user",
      targetId: actor.id,
      requestId,
      detail: {
        announcements: updated.mailAnnouncements,
        reminders: updated.mailReminders,
        timeZone: updated.timeZone,
      },
    });
    return updated;
  });
  return preferencesOf(row);
}

/** The kinds a link's scope governs: one, or both for the digest's "all". */
export function kindsOf(scope: UnsubscribeScope): OptionalMail[] {
  return scope === "all" ? ["announcements", "reminders"] : [scope];
}

/** "ada@example.org" → "a…@example.org": enough to recognise one's own address, not to learn another's. */
export function maskEmail(stored: string): string {
  const shown = displayEmail(stored);
  const at = shown.lastIndexOf("@");
  const first = [...shown.slice(0, Math.max(at, 0))][0] ?? "";
  return at < 0 ? "…" : `${first}…${shown.slice(at)}`;
}

export type UnsubscribeTarget = {
  scope: UnsubscribeScope;
  kinds: OptionalMail[];
  maskedEmail: string;
};

async function targetOf(token: string) {
  const named = readUnsubscribeToken(token);
  if (!named) return null;
  const user = await db().user.findUnique({ where: { id: named.userId }, select: { id: true, ...SELECT } });
  return user ? { user, scope: named.scope } : null;
}

/** What a link would stop, for the page a GET shows (it changes nothing: link scanners open links). */
export async function inspectUnsubscribe(token: string): Promise<UnsubscribeTarget | null> {
  const found = await targetOf(token);
  if (!found) return null;
  return { scope: found.scope, kinds: kindsOf(found.scope), maskedEmail: maskEmail(found.user.email) };
}

const COLUMN = { announcements: "mailAnnouncements", reminders: "mailReminders" } as const;

/**
 * Sets the link's kinds to "never". Null for a forged or malformed token or a user
 * who no longer exists (the callers answer both alike). Idempotent: a repeated
 * click (mail providers retry) changes and audits nothing more; `changed` says
 * whether this call stopped anything.
 */
export async function applyUnsubscribe(
  token: string,
  requestId: string | null = null,
): Promise<(UnsubscribeTarget & { changed: boolean }) | null> {
  const found = await targetOf(token);
  if (!found) return null;
  const { user, scope } = found;
  const kinds = kindsOf(scope);
  const changed = await db().$transaction(async (tx) => {
    // Only what is not "never" yet: a repeat (or a race with another click) writes nothing.
    const stopped: OptionalMail[] = [];
    for (const kind of kinds) {
      const column = COLUMN[kind];
      const { count } = await tx.user.updateMany({
        where: { id: user.id, [column]: { not: "never" } },
        data: { [column]: "never" },
      });
      if (count > 0) stopped.push(kind);
    }
    if (stopped.length === 0) return false;
    await recordEvent(tx, {
      actorId: user.id,
      action: "mail.unsubscribed",
      targetType: "user",
      targetId: user.id,
      requestId,
      detail: { scope, stopped: stopped.join(",") },
    });
    return true;
  });
  return { scope, kinds, maskedEmail: maskEmail(user.email), changed };
}
