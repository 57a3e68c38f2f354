// Invites as the admin manages them on /admin/students: who is still invited and
// until when, a fresh link (the old one withdrawn), revoking, and inviting many
// people at once from pasted lines or a CSV file ("email, name" per line). Pasted
// text loses its invisible format characters; an address that mixes scripts is
// invited with a warning naming it (invite-warnings.ts).
import { assertRecentFactor } from "../auth/second-factor/step-up";
import "server-only";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { issueInvite, type IssuedInvite } from "../auth/invites";
import { emailField, nameField } from "../auth/schemas";
import { assertRole, type SessionUser } from "../auth/session-user";
import { DomainError } from "../errors";
import { normalizeEmail } from "../auth/email";
import { stripInvisible } from "../auth/spoofing";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { localizeText, translatorFor } from "../i18n/translate";
import { humanMessage } from "../validation/messages";
import { addressWarning } from "./invite-warnings";
import { LISTED_STUDENTS } from "./students";
import { latestDeliveries, type MailDelivery } from "../mail/delivery-status";

export type InviteRow = {
  userId: string;
  email: string;
  name: string;
  expiresAt: Date | null;
  state: "pending" | "expired" | "revoked" | "none";
  /** The newest invite email's delivery, when email is or was on. */
  delivery: MailDelivery | null;
};

/** Every account that has not been set up yet, with its newest invite. */
export async function listInvited(actor: SessionUser, now = new Date()): Promise<InviteRow[]> {
  assertRole(actor, "admin");
  const users = await db().user.findMany({
    // A withdrawn invitation is no longer "invited": it leaves the list (and its count).
    where: { ...LISTED_STUDENTS, status: "invited" },
    orderBy: { createdAt: "desc" },
    include: { invites: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const deliveries = await latestDeliveries(
    actor,
    "invite",
    users.map((u) => u.id),
  );
  return users.map((u) => {
    const invite = u.invites[0];
    const state = !invite ? "none" : invite.revokedAt ? "revoked" : invite.expiresAt <= now ? "expired" : "pending";
    const delivery = deliveries.get(u.id) ?? null;
    return { userId: u.id, email: u.email, name: u.name, expiresAt: invite?.expiresAt ?? null, state, delivery };
  });
}

/**
 * Invites a co-teacher: an account with the admin role, through the same invite as
 * a student's (the CLI's npm run admin:invite does the same). An address that
 * belongs to a student is refused, so an invite never turns a student into an admin.
 */
export async function inviteCoTeacher(
  actor: SessionUser,
  input: { email: string; name: string },
  requestId: string | null,
  mailIn?: Locale,
): Promise<IssuedInvite> {
  assertRole(actor, "admin");
  // Granting the admin role is a role change: the second factor is checked again when old.
  await assertRecentFactor(actor);
  const existing = await db().user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { role: true },
  });
  if (existing?.role === "student") throw new DomainError("conflict", "coTeacherIsStudent", "email");
  return issueInvite({ ...input, role: "admin", actorId: actor.id, requestId, mailIn });
}

/** The pending (unused, unexpired, not withdrawn) invite of an email, if any. */
export async function pendingInviteFor(
  email: string,
  now = new Date(),
): Promise<{ name: string; expiresAt: Date } | null> {
  const user = await db().user.findUnique({
    where: { email: normalizeEmail(email) },
    include: {
      invites: {
        where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  const invite = user?.status === "invited" ? user.invites[0] : undefined;
  return user && invite ? { name: user.name, expiresAt: invite.expiresAt } : null;
}

async function invitedStudent(userId: string) {
  const user = await db().user.findFirst({ where: { id: userId, role: "student" } });
  if (!user) throw new DomainError("not_found", "noSuchInvite");
  if (user.status !== "invited") throw new DomainError("conflict", "alreadySetUp");
  return user;
}

/** A new link for an invited student; the earlier link stops working. */
export async function freshInviteLink(
  actor: SessionUser,
  userId: string,
  requestId: string | null,
  mailIn?: Locale,
): Promise<IssuedInvite> {
  assertRole(actor, "admin");
  const user = await invitedStudent(userId);
  return issueInvite({ email: user.email, name: user.name, role: "student", actorId: actor.id, requestId, mailIn });
}

export async function revokeInvite(
  actor: SessionUser,
  userId: string,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  assertRole(actor, "admin");
  const user = await invitedStudent(userId);
  await db().$transaction(async (tx) => {
    const revoked = await tx.invite.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "invite.revoked",
      targetType: "user",
      targetId: user.id,
      requestId,
      detail: { withdrawn: revoked.count },
    });
  });
}

export type BulkLine = { line: number; text: string; email: string; name: string };
export type BulkResult = {
  line: number;
  text: string;
  outcome: "invited" | "replaced" | "skipped" | "refused";
  message: string;
  url?: string;
  /** Whom `url` belongs to, as the invite holds them (the admin passes it on to that person only). */
  person?: { name: string; email: string };
  /** Accepted, but to be checked before the link is sent (an address mixing scripts). */
  warning?: string;
};

export const BULK_MAX_LINES = 200;

/** Splits one CSV line into fields: commas separate, double quotes may wrap a field. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === ";" || ch === "\t") {
      fields.push(current);
      current = "";
    } else current += ch;
  }
  fields.push(current);
  return fields.map((f) => f.trim());
}

/** Pasted lines or a CSV file: "email, name" per line; a header line and blank lines are skipped. */
export function parseBulkInvites(text: string): BulkLine[] {
  const lines: BulkLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    // Zero-width characters and a CSV file's byte-order mark are invisible: what the admin sees is what counts.
    const trimmed = stripInvisible(raw).trim();
    if (!trimmed) return;
    const [first = "", ...rest] = csvFields(trimmed);
    if (index === 0 && /^e-?mail$/i.test(first)) return; // a CSV header
    lines.push({ line: index + 1, text: trimmed, email: first, name: rest.join(" ").trim() });
  });
  return lines;
}

export async function bulkInvite(
  actor: SessionUser,
  lines: BulkLine[],
  options: { replacePending: boolean; absoluteUrl: (path: string) => string; locale?: Locale },
  requestId: string | null,
): Promise<BulkResult[]> {
  assertRole(actor, "admin");
  if (lines.length > BULK_MAX_LINES) throw new DomainError("invalid", "bulkTooMany", "lines", { max: BULK_MAX_LINES });
  const locale = options.locale ?? DEFAULT_LOCALE;
  const t = translatorFor(locale);
  const parseOptions = { error: (issue: Parameters<typeof humanMessage>[0]) => humanMessage(issue, locale) };
  const issueText = (message: string | undefined, fallback: string) =>
    message ? localizeText(message, locale) : fallback;
  const seen = new Set<string>();
  const results: BulkResult[] = [];
  for (const l of lines) {
    const email = emailField.safeParse(l.email, parseOptions);
    // Shown on whatever happens to the line next: the address is the one the admin typed.
    const warning = email.success ? (addressWarning(email.data, locale) ?? undefined) : undefined;
    const result = (outcome: BulkResult["outcome"], message: string, url?: string, person?: BulkResult["person"]) =>
      results.push({ line: l.line, text: l.text, outcome, message, url, person, ...(warning ? { warning } : {}) });
    if (!email.success) {
      result("refused", issueText(email.error.issues[0]?.message, t("admin.bulk.result.invalidEmail")));
      continue;
    }
    const name = nameField.safeParse(l.name, parseOptions);
    if (!name.success) {
      result(
        "refused",
        l.name
          ? issueText(name.error.issues[0]?.message, t("admin.bulk.result.invalidName"))
          : t("admin.bulk.result.nameMissing"),
      );
      continue;
    }
    const key = email.data.toLowerCase();
    if (seen.has(key)) {
      result("skipped", t("admin.bulk.result.duplicate"));
      continue;
    }
    seen.add(key);
    const pending = await pendingInviteFor(key);
    if (pending && !options.replacePending) {
      result("skipped", t("admin.bulk.result.alreadyInvited", { name: pending.name }));
      continue;
    }
    try {
      const invite = await issueInvite({
        email: key,
        name: name.data,
        role: "student",
        actorId: actor.id,
        requestId,
        mailIn: locale,
      });
      result(
        pending ? "replaced" : "invited",
        t(
          pending
            ? invite.emailed
              ? "admin.bulk.result.replacedEmailed"
              : "admin.bulk.result.replaced"
            : invite.emailed
              ? "admin.bulk.result.invitedEmailed"
              : "admin.bulk.result.invited",
        ),
        options.absoluteUrl(invite.path),
        { name: invite.name, email: invite.email },
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      result("refused", t(`errors.${error.key}`, error.values));
    }
  }
  return results;
}
