// The outbox's sender, run by the cluster primary when MINIPORTAL_SMTP_URL is
// set. Every poll it claims a batch (claim.ts), delivers each message over one
// pooled SMTP connection with the Message-ID fixed at enqueue, and records the
// outcome: sent (the sealed body is dropped), retried later with backoff, or
// failed for good. A crash mid-send leaves the claim; it is sent again
// (at-least-once), and the same Message-ID lets a reader's client spot the copy.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import { db } from "../db/client";
import { claimBatch, releaseOrphanedClaims } from "./claim";
import { GIVE_UP_AFTER_MS, judgeFailure, retryDelayMs } from "./delivery-outcome";
import { mailMetrics, type MailOutcome } from "./mail-metrics";
import { type OutboxRow, openMessage, outboxStats } from "./outbox";
import { smtpOptions } from "./smtp-url";

export type SenderOptions = {
  smtpUrl: string;
  from: string;
  log: Logger;
  instance?: string;
  pollMs?: number;
  retryBaseMs?: number;
  batch?: number;
  /** Runs after each poll (the daily reminders hook in here). */
  afterPoll?: (now: Date) => Promise<void>;
  clock?: () => Date;
  /** How long another sender's claim holds (tests shorten it). */
  leaseMs?: number;
  /** Tests call pollNow() themselves instead of the timer loop. */
  manual?: boolean;
};

export type MailSender = { stop(): Promise<void>; pollNow(): Promise<number> };

export async function startMailSender(options: SenderOptions): Promise<MailSender> {
  const { log } = options;
  const clock = options.clock ?? (() => new Date());
  const pollMs = options.pollMs ?? 2000;
  const batch = options.batch ?? 20;
  // Unique per sender: two in one process (tests) or one per instance never share claims.
  const name = `${options.instance ?? hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const smtp = smtpOptions(options.smtpUrl);
  const transport = nodemailer.createTransport({
    ...smtp,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  const metrics = mailMetrics();
  const released = await releaseOrphanedClaims();
  if (released) log.warn({ event: "mail.requeued", count: released }, "mail cut off by the last stop goes out again");
  log.info({ event: "mail.sender_started", smtp_host: smtp.host, smtp_port: smtp.port });

  const count = (kind: string, outcome: MailOutcome) => metrics.sent.inc({ kind, outcome });

  async function deliver(row: OutboxRow): Promise<void> {
    const attempts = row.attempts + 1;
    try {
      const mail = await openMessage(row);
      await transport.sendMail({
        from: options.from,
        to: row.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: row.messageId,
      });
      await db().outboxMessage.updateMany({
        where: { id: row.id, claimedBy: name },
        data: { status: "sent", sentAt: clock(), attempts, lastError: null, ciphertext: null, iv: null },
      });
      count(row.kind, "sent");
      log.info({ event: "mail.sent", mail_id: row.id, kind: row.kind, attempts });
    } catch (error) {
      const verdict = judgeFailure(error);
      const now = clock();
      const giveUp = verdict.permanent || now.getTime() - row.createdAt.getTime() > GIVE_UP_AFTER_MS;
      await db().outboxMessage.updateMany({
        where: { id: row.id, claimedBy: name },
        data: giveUp
          ? { status: "failed", attempts, lastError: verdict.reason, ciphertext: null, iv: null }
          : {
              status: "pending",
              attempts,
              lastError: verdict.reason,
              claimedAt: null,
              claimedBy: null,
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, options.retryBaseMs ?? 30_000)),
            },
      });
      count(row.kind, giveUp ? "failed" : "retry");
      log[giveUp ? "error" : "warn"]({
        event: giveUp ? "mail.failed" : "mail.retry",
        mail_id: row.id,
        kind: row.kind,
        attempts,
        reason: verdict.reason,
      });
    }
  }

  async function pollNow(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = await claimBatch(name, batch, clock(), options.leaseMs);
      for (const row of rows) await deliver(row);
      delivered += rows.length;
      if (rows.length < batch || stopping) break;
    }
    const stats = await outboxStats(clock());
    metrics.depth.set(stats.pending);
    metrics.oldestAge.set(stats.oldestPendingAgeS);
    await options.afterPoll?.(clock());
    return delivered;
  }

  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = pollNow()
      .catch((error: unknown) =>
        // The database away (a PostgreSQL restart) or a bug: said, then tried again next poll.
        log.error({ event: "mail.poll_failed", err: error }, "the mail sender could not poll the outbox"),
      )
      .finally(() => {
        if (!stopping) timer = setTimeout(tick, pollMs);
      });
  };
  if (!options.manual) tick();

  return {
    pollNow,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
