// The session, its account and its second-factor row in one read. Every signed-in
// request makes it, and Prisma's include would be three queries (each with its own
// plan and round trip); one join in plain SQL that both providers run is a third
// of the cost. Only what a request needs of the account: never the password hash.
import "server-only";
import { db } from "../db/client";

export type SessionRow = {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  user: {
    id: string;
    email: string;
    name: string;
    role: string;
    status: string;
    sessionVersion: number;
    locale: string | null;
    timeZone: string | null;
  };
  /** null: the session has no factor row; verifiedAt null: its second step is pending. */
  factor: { verifiedAt: Date | null } | null;
};

type Raw = Record<string, unknown>;

// SQLite gives DateTime columns back as the ISO text the adapter wrote, PostgreSQL as Dates.
// A moment that does not parse would compare as never expiring: refused loudly instead.
function dateOf(v: unknown): Date {
  const date = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(date.getTime())) throw new Error(`AuthSession holds an unreadable moment: ${String(v)}`);
  return date;
}
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : dateOf(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function readSessionRow(sessionId: string): Promise<SessionRow | null> {
  const rows = await db().$queryRaw<Raw[]>`
    SELECT s."id", s."userId", s."lastSeenAt", s."expiresAt", s."revokedAt",
           u."email", u."name", u."role", u."status", u."sessionVersion", u."locale", u."timeZone",
           f."id" AS "factorId", f."verifiedAt"
    FROM "AuthSession" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "SessionFactor" f ON f."sessionId" = s."id"
    WHERE s."id" = ${sessionId}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id),
    userId: String(r.userId),
    lastSeenAt: dateOf(r.lastSeenAt),
    expiresAt: dateOf(r.expiresAt),
    revokedAt: dateOrNull(r.revokedAt),
    user: {
      id: String(r.userId),
      email: String(r.email),
      name: String(r.name),
      role: String(r.role),
      status: String(r.status),
      sessionVersion: Number(r.sessionVersion),
      locale: textOrNull(r.locale),
      timeZone: textOrNull(r.timeZone),
    },
    factor: r.factorId === null || r.factorId === undefined ? null : { verifiedAt: dateOrNull(r.verifiedAt) },
  };
}
