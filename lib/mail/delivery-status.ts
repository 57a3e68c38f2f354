// What the admin sees of an invite or reset email: the newest one per person,
// delivered, waiting or failed (with the server's reason). Resending is issuing
// a new link, which withdraws the old one and emails the new one.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";

export type MailDelivery = {
  status: "pending" | "sent" | "failed";
  queuedAt: Date;
  sentAt: Date | null;
  attempts: number;
  /** The mail server's answer to the last failed attempt. */
  lastError: string | null;
};

export async function latestDeliveries(
  actor: SessionUser,
  kind: "invite" | "reset",
  userIds: string[],
): Promise<Map<string, MailDelivery>> {
  assertRole(actor, "admin");
  if (userIds.length === 0) return new Map();
  const rows = await db().outboxMessage.findMany({
    where: { kind, userId: { in: userIds } },
    orderBy: { createdAt: "desc" },
    select: { userId: true, status: true, createdAt: true, sentAt: true, attempts: true, lastError: true },
  });
  const latest = new Map<string, MailDelivery>();
  for (const r of rows) {
    if (latest.has(r.userId)) continue;
    latest.set(r.userId, {
      status: r.status === "sent" ? "sent" : r.status === "failed" ? "failed" : "pending",
      queuedAt: r.createdAt,
      sentAt: r.sentAt,
      attempts: r.attempts,
      lastError: r.lastError,
    });
  }
  return latest;
}
