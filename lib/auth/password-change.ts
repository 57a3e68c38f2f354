// A signed-in user changes the password: the current one is required, the new
// one must pass the policy, and every other session ends (session version bump
// plus revoked rows) while this browser gets a fresh session; outstanding
// password-reset links are withdrawn.
import "server-only";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { beginPasswordCheck, passwordCheckSucceeded, type Gate } from "../security/throttles";
import { hashPassword, verifyPassword } from "./password-hash";
import { withdrawResets } from "./password-reset";
import { translatorFor } from "../i18n/translate";
import type { Locale } from "../i18n/locales";
import { describePasswordProblem, findPasswordProblem, type PasswordProblem } from "./password-policy";
import type { SessionUser } from "./session-user";
import { createSession } from "./sessions";

export type ChangePasswordResult =
  | { ok: true; sid: string; expiresAt: Date; sessionVersion: number }
  | { ok: false; field: "current" | "password"; problem: ChangeProblem }
  | { ok: false; limited: Extract<Gate, { ok: false }> };

const CHANGE_MESSAGES = {
  cannotChange: "auth.password.cannotChange",
  wrongCurrent: "auth.password.wrongCurrent",
  sameAsCurrent: "auth.password.sameAsCurrent",
} as const;

/** Why a change was refused: the policy's problem, or one of the change's own. */
export type ChangeProblem = PasswordProblem | { key: keyof typeof CHANGE_MESSAGES; values?: undefined };

function isChangeOwn(problem: ChangeProblem): problem is Exclude<ChangeProblem, PasswordProblem> {
  return Object.hasOwn(CHANGE_MESSAGES, problem.key);
}

/** The refusal in the user's words and language (English outside a request). */
export function describeChangeProblem(problem: ChangeProblem, locale: Locale = "en"): string {
  if (isChangeOwn(problem)) return translatorFor(locale)(CHANGE_MESSAGES[problem.key]);
  return describePasswordProblem(problem, locale);
}

export async function changePassword(
  user: SessionUser,
  input: { current: string; password: string },
  requestId: string | null = null,
  now = new Date(),
): Promise<ChangePasswordResult> {
  const row = await db().user.findUnique({ where: { id: user.id } });
  if (!row?.passwordHash || row.status !== "active")
    return { ok: false, field: "current", problem: { key: "cannotChange" } };
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
    return { ok: false, field: "current", problem: { key: "wrongCurrent" } };
  }
  await passwordCheckSucceeded(user.id);
  const problem = findPasswordProblem(input.password, { email: row.email, name: row.name });
  if (problem) return { ok: false, field: "password", problem };
  if (input.password === input.current) return { ok: false, field: "password", problem: { key: "sameAsCurrent" } };

  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await tx.authSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    // A reset link issued for a forgotten password must not outlive the student remembering it.
    await withdrawResets(tx, user.id, now);
    // The new session keeps this one's second-factor check (docs/two-factor.md).
    const checkedAt = user.secondFactor?.checkedAt;
    const session = await createSession(user.id, now, tx, checkedAt ? { verifiedAt: checkedAt, method: "totp" } : null);
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
