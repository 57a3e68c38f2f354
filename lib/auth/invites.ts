// Invites: 256-bit tokens stored as SHA-256, single use, expiring. Redemption
// sets the password and activates the account in one transaction.
import "server-only";
import { db } from "../db/client";
import { env } from "../env";
import { recordEvent } from "../audit/events";
import { hashToken, looksLikeToken, newToken } from "../security/tokens";
import { hashPassword } from "./password-hash";
import { findPasswordProblem, type PasswordProblem } from "./password-policy";
import { roleOf, type Role } from "./session-user";
import { DomainError } from "../errors";
import { normalizeEmail } from "./email";
import type { Locale } from "../i18n/locales";
import { inviteMail } from "../mail/compose";
import { enqueue, mailEnabled, prepareMail } from "../mail/outbox";

export type { Role } from "./session-user";

export type IssuedInvite = {
  token: string;
  path: string;
  expiresAt: Date;
  userId: string;
  email: string;
  name: string;
  /** Whether the link also went into the outbox (email is on and the caller asked for it). */
  emailed: boolean;
};

export function invitePath(token: string): string {
  return `/invite/${token}`;
}

export async function issueInvite(
  input: {
    email: string;
    name: string;
    role: Role;
    actorId: string | null;
    requestId?: string | null;
    /** Email the link too (when email is on), in this language: the invitee has chosen none yet. */
    mailIn?: Locale;
  },
  now = new Date(),
): Promise<IssuedInvite> {
  const email = normalizeEmail(input.email);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + env().MINIPORTAL_INVITE_TTL_HOURS * 3600_000);
  const url = new URL(invitePath(token), env().baseUrl).toString();
  const mail =
    input.mailIn && mailEnabled()
      ? await prepareMail(
          "invite",
          { email },
          inviteMail(
            { name: input.name, locale: input.mailIn, timeZone: env().MINIPORTAL_TIMEZONE },
            { url, expiresAt },
          ),
        )
      : null;
  const user = await db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing && existing.status !== "invited") {
      throw new DomainError("conflict", "emailTaken", "email");
    }
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, role: input.role } })
      : await tx.user.create({
          data: { email, name: input.name, role: input.role, status: "invited", scheduler: env().MINIPORTAL_SCHEDULER },
        });
    // A new invite replaces any earlier unused one.
    await tx.invite.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const invite = await tx.invite.create({
      data: { tokenHash: hashToken(token), userId: user.id, issuedById: input.actorId, expiresAt, createdAt: now },
    });
    await recordEvent(tx, {
      actorId: input.actorId,
      action: "invite.issued",
      targetType: "user",
      targetId: user.id,
      requestId: input.requestId,
      detail: { inviteId: invite.id, role: input.role, ...(mail ? { mailId: mail.id } : {}) },
    });
    if (mail) await enqueue(tx, mail, user.id, now);
    return user;
  });
  return {
    token,
    path: invitePath(token),
    expiresAt,
    userId: user.id,
    email: user.email,
    name: user.name,
    emailed: Boolean(mail),
  };
}

export type InviteStatus =
  | { kind: "ok"; inviteId: string; user: { id: string; email: string; name: string } }
  | { kind: "invalid" | "used" | "expired" | "revoked" };

export async function inspectInvite(token: string, now = new Date()): Promise<InviteStatus> {
  if (!looksLikeToken(token)) return { kind: "invalid" };
  const invite = await db().invite.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!invite) return { kind: "invalid" };
  if (invite.usedAt) return { kind: "used" };
  if (invite.revokedAt || invite.user.status === "disabled") return { kind: "revoked" };
  if (invite.expiresAt <= now) return { kind: "expired" };
  return {
    kind: "ok",
    inviteId: invite.id,
    user: { id: invite.user.id, email: invite.user.email, name: invite.user.name },
  };
}

/** What the person is told about an invite that cannot be used: keys of messages/<locale>/auth.json. */
export const INVITE_PROBLEMS = {
  invalid: "auth.invite.problems.invalid",
  used: "auth.invite.problems.used",
  expired: "auth.invite.problems.expired",
  revoked: "auth.invite.problems.revoked",
} as const satisfies Record<Exclude<InviteStatus["kind"], "ok">, string>;

export type RedeemResult =
  | { ok: true; userId: string; role: Role; sessionVersion: number }
  | { ok: false; kind: Exclude<InviteStatus["kind"], "ok"> }
  | { ok: false; kind: "weak_password"; problem: PasswordProblem };

/**
 * Redeems an invite with the password the person chose, which must pass the
 * password policy (checked here, whoever calls). Single use is enforced
 * atomically by the conditional update.
 */
export async function redeemInvite(
  input: { token: string; password: string; requestId?: string | null },
  now = new Date(),
): Promise<RedeemResult> {
  const status = await inspectInvite(input.token, now);
  if (status.kind !== "ok") return { ok: false, kind: status.kind };
  const problem = findPasswordProblem(input.password, { email: status.user.email, name: status.user.name });
  if (problem) return { ok: false, kind: "weak_password", problem };
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const claimed = await tx.invite.updateMany({
      where: { id: status.inviteId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return { ok: false as const, kind: "used" as const };
    const user = await tx.user.update({
      where: { id: status.user.id },
      data: { passwordHash, status: "active", lastLoginAt: now },
    });
    await recordEvent(tx, {
      actorId: status.user.id,
      action: "invite.redeemed",
      targetType: "invite",
      targetId: status.inviteId,
      requestId: input.requestId,
    });
    return { ok: true as const, userId: user.id, role: roleOf(user.role), sessionVersion: user.sessionVersion };
  });
}
