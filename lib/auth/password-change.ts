// A signed-in user changes the password: the current one is required, the new
// one must pass the policy, and every other session ends (session version bump
// plus revoked rows) while this browser gets a fresh session.
import "server-only";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { beginPasswordCheck, passwordCheckSucceeded, type Gate } from "../security/throttles";
import { hashPassword, verifyPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import type { SessionUser } from "./session-user";
import { createSession } from "./sessions";

export type ChangePasswordResult =
  | { ok: true; sid: string; expiresAt: Date; sessionVersion: number }
  | { ok: false; field: "current" | "password"; message: string }
  | { ok: false; limited: Extract<Gate, { ok: false }> };

export async function changePassword(
  user: SessionUser,
  input: { current: string; password: string },
  requestId: string | null = null,
  now = new Date(),
): Promise<ChangePasswordResult> {
  const row = await db().user.findUnique({ where: { id: user.id } });
  if (!row?.passwordHash || row.status !== "active")
    return { ok: false, field: "current", message: "Your account cannot change its password right now." };
  const stored = row.passwordHash;
  // Paid before Argon2 runs: a stolen session cannot try current passwords in parallel.
  const gate = await beginPasswordCheck(user.id);
  if (!gate.ok) return { ok: false, limited: gate };
  const valid = await withSpan(SPAN.argon2Verify, {}, () => verifyPassword(stored, input.current));
  if (!valid) {
    await db().$transaction((tx) =>
      recordEvent(tx, {
        actorId: user.id,
        action: "password.change_failed",
        targetType: "user",
        targetId: user.id,
        requestId,
        detail: { reason: "bad_current" },
      }),
    );
    return { ok: false, field: "current", message: "That is not your current password." };
  }
  await passwordCheckSucceeded(user.id);
  const problem = passwordProblem(input.password, { email: row.email, name: row.name });
  if (problem) return { ok: false, field: "password", message: problem };
  if (input.password === input.current)
    return { ok: false, field: "password", message: "Choose a password different from the current one." };

  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await tx.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    const session = await createSession(user.id, now, tx);
    await recordEvent(tx, {
      actorId: user.id,
      action: "password.changed",
      targetType: "user",
      targetId: user.id,
      requestId,
    });
    return {
      ok: true as const,
      sid: session.sid,
      expiresAt: session.expiresAt,
      sessionVersion: updated.sessionVersion,
    };
  });
}

export type AccountOverview = {
  email: string;
  name: string;
  role: string;
  activeSessions: number;
  lastLoginAt: Date | null;
  newCardsPerDay: number;
};

export async function accountOverview(user: SessionUser, now = new Date()): Promise<AccountOverview | null> {
  const row = await db().user.findUnique({ where: { id: user.id } });
  if (!row) return null;
  const activeSessions = await db().authSession.count({
    where: { userId: user.id, revokedAt: null, expiresAt: { gt: now } },
  });
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    activeSessions,
    lastLoginAt: row.lastLoginAt,
    newCardsPerDay: row.newCardsPerDay,
  };
}
