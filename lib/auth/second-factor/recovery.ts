// Recovery of an account that lost every factor and every code: another admin
// resets it (after a step-up of their own), or, for the last admin, the server
// command `npm run admin:reset-2fa -- --email …`. Either way the factors and codes
// are deleted, every session of the account ends (so a required admin enrols
// again at the next sign-in) and the reset is audited.
import "server-only";
import { recordEvent } from "../../audit/events";
import { db } from "../../db/client";
import { DomainError } from "../../errors";
import { normalizeEmail } from "../email";
import { assertRole, type SessionUser } from "../session-user";
import { revokeAllSessions } from "../sessions";
import { assertRecentFactor } from "./step-up";

async function resetAccount(
  target: { id: string },
  event: { actorId: string | null; action: "second_factor.reset_by_admin" | "second_factor.reset_by_command" },
  requestId: string | null,
  now: Date,
): Promise<number> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.secondFactor.deleteMany({ where: { userId: target.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    await revokeAllSessions(tx, target.id, now);
    await recordEvent(tx, {
      actorId: event.actorId,
      action: event.action,
      targetType: "user",
      targetId: target.id,
      requestId,
      detail: { factors: count },
    });
    return count;
  });
}

/** Another admin resets an account's second factors (never their own: that is what the factor protects). */
export async function resetSecondFactorsByAdmin(
  actor: SessionUser,
  email: string,
  requestId: string | null,
  now = new Date(),
): Promise<{ factors: number }> {
  assertRole(actor, "admin");
  await assertRecentFactor(actor, now);
  const target = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!target) throw new DomainError("not_found", "factorResetUnknown", "email");
  if (target.id === actor.id) throw new DomainError("forbidden", "factorResetSelf", "email");
  return {
    factors: await resetAccount(target, { actorId: actor.id, action: "second_factor.reset_by_admin" }, requestId, now),
  };
}

/** The server command: for the last admin, who has nobody to ask. */
export async function resetSecondFactorsByCommand(
  email: string,
  now = new Date(),
): Promise<{ factors: number } | null> {
  const target = await db().user.findUnique({ where: { email: normalizeEmail(email) } });
  if (!target) return null;
  return {
    factors: await resetAccount(target, { actorId: null, action: "second_factor.reset_by_command" }, null, now),
  };
}
