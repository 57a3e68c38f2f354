// The second-factor state of sessions (table SessionFactor): created pending at
// sign-in for an account with a factor, marked verified by the second step,
// enrolment or a step-up. validateSession reads it on every request.
import "server-only";
import { db, type Tx } from "../../db/client";

export type FactorMethod = "totp" | "passkey" | "recovery" | "enrolment";

/** How many factors count for the account (a TOTP enrolment awaiting its first code does not). */
export function confirmedFactorCount(userId: string, client: Tx = db()): Promise<number> {
  return client.secondFactor.count({ where: { userId, confirmedAt: { not: null } } });
}

/**
 * At session creation: an account with a factor starts pending (verifiedAt null),
 * unless the caller carries over a check (a password change inside a verified session).
 */
export async function openSessionFactor(
  tx: Tx,
  sessionId: string,
  userId: string,
  carried: { verifiedAt: Date; method: FactorMethod } | null,
): Promise<{ pending: boolean }> {
  if (carried) {
    await tx.sessionFactor.create({ data: { sessionId, verifiedAt: carried.verifiedAt, method: carried.method } });
    return { pending: false };
  }
  if ((await confirmedFactorCount(userId, tx)) === 0) return { pending: false };
  await tx.sessionFactor.create({ data: { sessionId, verifiedAt: null } });
  return { pending: true };
}

/** The session passed a second-factor check now (second step, enrolment or step-up). */
export async function markSessionVerified(tx: Tx, sessionId: string, method: FactorMethod, now: Date): Promise<void> {
  await tx.sessionFactor.upsert({
    where: { sessionId },
    create: { sessionId, verifiedAt: now, method },
    update: { verifiedAt: now, method },
  });
}
