// Claiming outbox messages for one sender. On PostgreSQL several instances send
// from the same table: FOR UPDATE SKIP LOCKED lets each take rows no other has
// locked, so a message is claimed once. On SQLite one instance owns the data dir
// (lib/server/data-dir.ts) and the transaction alone serialises claims.
import { db } from "../db/client";
import { currentProvider } from "../db/dialect";
import type { OutboxRow } from "./outbox";

/** A claim older than this is taken to be from a sender that died mid-send (kill -9, power). */
export const CLAIM_LEASE_MS = 5 * 60_000;

const OUTBOX_ROW = {
  id: true,
  kind: true,
  toAddress: true,
  messageId: true,
  ciphertext: true,
  iv: true,
  keyId: true,
  format: true,
  attempts: true,
  createdAt: true,
} as const;

export async function claimBatch(
  sender: string,
  limit: number,
  now: Date,
  leaseMs = CLAIM_LEASE_MS,
): Promise<OutboxRow[]> {
  const staleBefore = new Date(now.getTime() - leaseMs);
  return db().$transaction(async (tx) => {
    let ids: string[];
    if (currentProvider() === "postgresql") {
      // Timestamps are stored as UTC wall time in timestamp(3); compare in UTC whatever the session zone.
      const at = (d: Date) => d.toISOString();
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "OutboxMessage"
        WHERE (status = 'pending' AND "nextAttemptAt" <= (${at(now)}::timestamptz AT TIME ZONE 'UTC'))
           OR (status = 'sending' AND "claimedAt" < (${at(staleBefore)}::timestamptz AT TIME ZONE 'UTC'))
        ORDER BY "createdAt" LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      ids = rows.map((r) => r.id);
    } else {
      const rows = await tx.outboxMessage.findMany({
        where: {
          OR: [
            { status: "pending", nextAttemptAt: { lte: now } },
            { status: "sending", claimedAt: { lt: staleBefore } },
          ],
        },
        orderBy: { createdAt: "asc" },
        take: limit,
        select: { id: true },
      });
      ids = rows.map((r) => r.id);
    }
    if (ids.length === 0) return [];
    await tx.outboxMessage.updateMany({
      where: { id: { in: ids } },
      data: { status: "sending", claimedAt: now, claimedBy: sender },
    });
    return tx.outboxMessage.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" }, select: OUTBOX_ROW });
  });
}

/**
 * On SQLite, messages still "sending" when the only instance starts were cut off
 * by a crash of its previous run: they go out again now (at-least-once), not
 * after the lease. Never on PostgreSQL, where another instance may be sending them.
 */
export async function releaseOrphanedClaims(): Promise<number> {
  if (currentProvider() === "postgresql") return 0;
  const { count } = await db().outboxMessage.updateMany({
    where: { status: "sending" },
    data: { status: "pending", claimedAt: null, claimedBy: null },
  });
  return count;
}
