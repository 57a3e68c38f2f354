// The outbox: a message is sealed before the transaction that causes it and
// inserted inside it, so the invite and its email commit (or roll back) together.
// The primary's sender (sender.ts) delivers it; the body is dropped once sent.
import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Tx } from "../db/client";
import { env } from "../env";
import { seal, unseal } from "../vault";
import type { ComposedMail, MailKind } from "./compose";

export type PreparedMail = {
  id: string;
  kind: MailKind;
  userId: string | null;
  toAddress: string;
  messageId: string;
  ciphertext: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  keyId: string;
  format: number;
};

/** Email is on when an SMTP server is configured; otherwise links are copied by hand. */
export function mailEnabled(): boolean {
  return Boolean(env().MINIPORTAL_SMTP_URL);
}

// The sealed message is bound to its row and recipient: moved to another row, it does not open.
const bindingOf = (id: string, toAddress: string) => ({
  ownerId: toAddress,
  table: "OutboxMessage" as const,
  rowId: id,
});

/**
 * Seals a message for the outbox (outside any transaction: the vault may read its keys).
 * userId may be null for a user the same transaction creates; enqueue() fills it in.
 */
export async function prepareMail(kind: MailKind, to: { id?: string; email: string }, mail: ComposedMail) {
  const id = randomUUID();
  const sealed = await seal(bindingOf(id, to.email), JSON.stringify(mail));
  const host = new URL(env().baseUrl).hostname || "miniportal";
  return {
    id,
    kind,
    userId: to.id ?? null,
    toAddress: to.email,
    messageId: `<${id}@${host}>`,
    ciphertext: new Uint8Array(sealed.ciphertext),
    iv: new Uint8Array(sealed.iv),
    keyId: sealed.keyId,
    format: sealed.format,
  } satisfies PreparedMail;
}

export async function enqueue(tx: Tx, mail: PreparedMail, userId = mail.userId, now = new Date()): Promise<void> {
  if (!userId) throw new Error("An outbox message needs its recipient's user id.");
  const { ciphertext, iv, keyId, format } = mail;
  await tx.outboxMessage.create({
    data: {
      id: mail.id,
      kind: mail.kind,
      userId,
      toAddress: mail.toAddress,
      messageId: mail.messageId,
      ciphertext,
      iv,
      keyId,
      format,
      createdAt: now,
      nextAttemptAt: now,
    },
  });
}

export type OutboxRow = {
  id: string;
  kind: string;
  toAddress: string;
  messageId: string;
  ciphertext: Uint8Array | null;
  iv: Uint8Array | null;
  keyId: string | null;
  format: number;
  attempts: number;
  createdAt: Date;
};

export async function openMessage(row: OutboxRow): Promise<ComposedMail> {
  if (!row.ciphertext || !row.iv || !row.keyId) throw new Error(`Outbox message ${row.id} has no body.`);
  const text = await unseal(bindingOf(row.id, row.toAddress), {
    ciphertext: Buffer.from(row.ciphertext),
    iv: Buffer.from(row.iv),
    keyId: row.keyId,
    format: row.format,
  });
  return JSON.parse(text) as ComposedMail;
}

export type OutboxStats = {
  pending: number;
  failedLastDay: number;
  sentLastDay: number;
  oldestPendingAgeS: number;
};

/** What the ops page and the depth gauges show: one index-backed pass over waiting rows. */
export async function outboxStats(now = new Date()): Promise<OutboxStats> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [pending, oldest, failedLastDay, sentLastDay] = await Promise.all([
    db().outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }),
    db().outboxMessage.findFirst({
      where: { status: { in: ["pending", "sending"] } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
    db().outboxMessage.count({ where: { status: "failed", createdAt: { gte: dayAgo } } }),
    db().outboxMessage.count({ where: { status: "sent", sentAt: { gte: dayAgo } } }),
  ]);
  const oldestPendingAgeS = oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0;
  return { pending, failedLastDay, sentLastDay, oldestPendingAgeS };
}
