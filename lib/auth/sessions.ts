// Server-side session records behind the next-auth JWT. The token names a
// session and the user's session version; both are checked on every request, so
// logout, deactivation, password change and "log out everywhere" take effect at once.
import { randomBytes } from "node:crypto";
import "server-only";
import { recordEvent } from "../audit/events";
import { bestEffortWrite } from "../db/availability";
import { db, type Tx } from "../db/client";
import { env } from "../env";
import { zoneOf } from "../time/user-zone";
import { factorRequired, factorStateOf } from "./second-factor/policy";
import { confirmedFactorCount, openSessionFactor, type FactorMethod } from "./second-factor/session-factor";
import { readSessionRow } from "./session-row";
import { roleOf, type SessionUser } from "./session-user";

export type SessionClaims = { sub: string; sid: string; sv: number };

const TOUCH_EVERY_MS = 60_000;

/**
 * A new session row; pass `tx` to create it inside the caller's transaction. An
 * account with a second factor gets a pending session (docs/two-factor.md) unless
 * `factor` carries over a check already made.
 */
export async function createSession(
  userId: string,
  now = new Date(),
  tx: Tx = db(),
  factor: { verifiedAt: Date; method: FactorMethod } | null = null,
): Promise<{ sid: string; expiresAt: Date; email: string; pending: boolean }> {
  const sid = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + env().MINIPORTAL_SESSION_MAX_HOURS * 3600_000);
  const row = await tx.authSession.create({
    data: { id: sid, userId, createdAt: now, lastSeenAt: now, expiresAt },
    select: { user: { select: { email: true } } },
  });
  const { pending } = await openSessionFactor(tx, sid, userId, factor);
  return { sid, expiresAt, email: row.user.email, pending };
}

export async function validateSession(claims: SessionClaims, now = new Date()): Promise<SessionUser | null> {
  // Only what a request needs of the account: never the password hash or other secrets.
  const session = await readSessionRow(claims.sid);
  if (!session || session.userId !== claims.sub || session.revokedAt) return null;
  const idleMs = env().MINIPORTAL_SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) return null;
  const { user } = session;
  if (user.status !== "active" || user.sessionVersion !== claims.sv) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Incidental: a database that takes no writes (read-only, full, file changed) still serves reads.
    await bestEffortWrite("session.last_seen", () =>
      db().authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } }),
    );
  }
  const role = roleOf(user.role);
  const verifiedAt = session.factor ? session.factor.verifiedAt : undefined;
  // Counting factors costs a query, so only when the row and the role do not settle the state.
  const settled = verifiedAt || (verifiedAt === undefined && !factorRequired(role));
  const factors = settled ? 0 : await confirmedFactorCount(user.id);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role,
    sessionId: session.id,
    locale: user.locale,
    timeZone: zoneOf(user),
    secondFactor: { state: factorStateOf({ role, factors, verifiedAt }), checkedAt: verifiedAt ?? null },
  };
}

/** Ends every session of a user, inside the caller's transaction: bumps the session version and revokes the rows. */
export async function revokeAllSessions(tx: Tx, userId: string, now = new Date()): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * Sign-out: "this" ends the session the request came with, "everywhere" every
 * session of the user. The revocation and its audit row are one transaction.
 */
export async function signOut(
  user: SessionUser,
  scope: "this" | "everywhere",
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await db().$transaction(async (tx) => {
    if (scope === "this") {
      await tx.authSession.updateMany({ where: { id: user.sessionId, revokedAt: null }, data: { revokedAt: now } });
      await recordEvent(tx, {
        actorId: user.id,
        action: "logout",
        targetType: "session",
        targetId: user.sessionId,
        requestId,
      });
    } else {
      await revokeAllSessions(tx, user.id, now);
      await recordEvent(tx, {
        actorId: user.id,
        action: "logout.everywhere",
        targetType: "user",
        targetId: user.id,
        requestId,
      });
    }
  });
}
