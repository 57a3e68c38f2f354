// Account recovery: an admin issues a password-reset link for a student who
// forgot the password. Like invites, the token is 256 random bits stored only as
// its SHA-256, single use and expiring. A link lives only as long as its reason:
// a new link, any password change (this one included) and a deactivation withdraw
// every outstanding link of the student (withdrawResets). Using it sets a new
// password (same policy), ends every session of the student and is audited.
import { db, type Tx } from "../db/client";
import { env } from "../env";
import { recordEvent } from "../audit/events";
import { DomainError } from "../errors";
import { hashToken, looksLikeToken, newToken } from "../security/tokens";
import { hashPassword } from "./password-hash";
import { assertRecentFactor } from "./second-factor/step-up";
import { assertRole, roleOf, type Role, type SessionUser } from "./session-user";
import { recipientOf } from "../mail/recipient";
import { resetMail } from "../mail/compose";
import { enqueue, mailEnabled, prepareMail } from "../mail/outbox";

/** emailed: the link also went into the outbox to the student (email is on). */
export type IssuedReset = { token: string; path: string; expiresAt: Date; emailed: boolean };

export function resetPath(token: string): string {
  return `/reset/${token}`;
}

/**
 * Withdraws every outstanding reset link of a user, in the caller's transaction.
 * Called when the reason for a link is gone: a new link replaces it, the password
 * was changed (the student remembered it, or used a link), the account was
 * deactivated (reactivating it must not bring old links back). A withdrawn link
 * is refused like an expired or used one ("revoked").
 */
export async function withdrawResets(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const { count } = await tx.passwordReset.updateMany({
    where: { userId, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}

export async function issuePasswordReset(
  actor: SessionUser,
  studentId: string,
  requestId: string | null = null,
  now = new Date(),
): Promise<IssuedReset> {
  assertRole(actor, "admin", "adminsOnlyReset");
  await assertRecentFactor(actor, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + env().MINIPORTAL_RESET_TTL_HOURS * 3600_000);
  // Sealed before the transaction (the vault may read its keys); the recipient is looked up twice for that.
  const recipient = mailEnabled() ? await db().user.findFirst({ where: { id: studentId, role: "student" } }) : null;
  const mail = recipient
    ? await prepareMail(
        "reset",
        recipient,
        resetMail(recipientOf(recipient), {
          url: new URL(resetPath(token), env().baseUrl).toString(),
          expiresAt,
        }),
      )
    : null;
  const emailed = await db().$transaction(async (tx) => {
    const student = await tx.user.findFirst({ where: { id: studentId, role: "student" } });
    if (!student) throw new DomainError("not_found", "noSuchStudent");
    if (student.status === "invited") throw new DomainError("conflict", "resetNeedsPassword");
    if (student.status === "disabled") throw new DomainError("conflict", "resetDeactivated");
    await withdrawResets(tx, student.id, now);
    const reset = await tx.passwordReset.create({
      data: { tokenHash: hashToken(token), userId: student.id, issuedById: actor.id, createdAt: now, expiresAt },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "password_reset.issued",
      targetType: "user",
      targetId: student.id,
      requestId,
      detail: { resetId: reset.id, ...(mail?.toAddress === student.email ? { mailId: mail.id } : {}) },
    });
    // The address may have changed between the two reads: then the link is only shown, not sent.
    if (!mail || mail.toAddress !== student.email) return false;
    await enqueue(tx, mail, student.id, now);
    return true;
  });
  return { token, path: resetPath(token), expiresAt, emailed };
}

export type ResetStatus =
  | { kind: "ok"; resetId: string; user: { id: string; email: string; name: string } }
  | { kind: "invalid" | "used" | "expired" | "revoked" };

export async function inspectReset(token: string, now = new Date()): Promise<ResetStatus> {
  if (!looksLikeToken(token)) return { kind: "invalid" };
  const reset = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!reset) return { kind: "invalid" };
  if (reset.usedAt) return { kind: "used" };
  if (reset.revokedAt || reset.user.status !== "active") return { kind: "revoked" };
  if (reset.expiresAt <= now) return { kind: "expired" };
  return { kind: "ok", resetId: reset.id, user: { id: reset.user.id, email: reset.user.email, name: reset.user.name } };
}

/** What the person is told about a link that cannot be used: keys of messages/<locale>/auth.json. */
export const RESET_PROBLEMS = {
  invalid: "auth.reset.problems.invalid",
  used: "auth.reset.problems.used",
  expired: "auth.reset.problems.expired",
  revoked: "auth.reset.problems.revoked",
} as const satisfies Record<Exclude<ResetStatus["kind"], "ok">, string>;

/**
 * Sets the new password (the caller has checked it against the policy), claims
 * the link atomically and ends every session of the student.
 */
export async function redeemReset(
  input: { token: string; password: string; requestId?: string | null },
  now = new Date(),
): Promise<
  | { ok: true; userId: string; role: Role; sessionVersion: number }
  | { ok: false; kind: Exclude<ResetStatus["kind"], "ok"> }
> {
  const status = await inspectReset(input.token, now);
  if (status.kind !== "ok") return { ok: false, kind: status.kind };
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: status.resetId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return { ok: false as const, kind: "used" as const };
    // Any other link of the student is now pointless: the password it would reset was just set.
    await withdrawResets(tx, status.user.id, now);
    const user = await tx.user.update({
      where: { id: status.user.id },
      data: { passwordHash, sessionVersion: { increment: 1 }, lastLoginAt: now },
    });
    await tx.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordEvent(tx, {
      actorId: user.id,
      action: "password_reset.used",
      targetType: "user",
      targetId: user.id,
      requestId: input.requestId,
      detail: { resetId: status.resetId },
    });
    return { ok: true as const, userId: user.id, role: roleOf(user.role), sessionVersion: user.sessionVersion };
  });
}
