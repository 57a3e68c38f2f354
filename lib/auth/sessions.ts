// Server-side session records behind the next-auth JWT. The token names a
// session and the user's session version; both are checked on every request, so
// logout, deactivation, password change and "log out everywhere" take effect at once.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { env } from "../env";
import { roleOf, type SessionUser } from "./session-user";

export type SessionClaims = { sub: string; sid: string; sv: number };

const TOUCH_EVERY_MS = 60_000;

export async function createSession(db: Pick<Db, "authSession">, userId: string, now = new Date()): Promise<{ sid: string; expiresAt: Date }> {
  const sid = randomBytes(18).toString("base64url");
  const expiresAt = new Date(now.getTime() + env().MINIPORTAL_SESSION_MAX_HOURS * 3600_000);
  await db.authSession.create({ data: { id: sid, userId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { sid, expiresAt };
}

export async function validateSession(db: Db, claims: SessionClaims, now = new Date()): Promise<SessionUser | null> {
  const session = await db.authSession.findUnique({ where: { id: claims.sid }, include: { user: true } });
  if (!session || session.userId !== claims.sub || session.revokedAt) return null;
  const idleMs = env().MINIPORTAL_SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + idleMs <= now.getTime()) return null;
  const { user } = session;
  if (user.status !== "active" || user.sessionVersion !== claims.sv) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.authSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { id: user.id, email: user.email, name: user.name, role: roleOf(user.role), sessionId: session.id };
}

export async function revokeSession(db: Db, sid: string, now = new Date()): Promise<void> {
  await db.authSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user: bumps the session version and revokes the rows. */
export async function revokeAllSessions(db: Pick<Db, "user" | "authSession">, userId: string, now = new Date()): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await db.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
