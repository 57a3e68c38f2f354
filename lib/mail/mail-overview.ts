// The ops page's Email panel: whether email is on and through which server
// (host and port, never the credentials), the outbox's depth and oldest message,
// the last day's deliveries, and the mail server's latest complaint.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { env } from "../env";
import { type OutboxStats, outboxStats } from "./outbox";
import { describeSmtp } from "./smtp-url";

export type MailOverview =
  | { enabled: false }
  | {
      enabled: true;
      server: string;
      from: string;
      stats: OutboxStats;
      lastProblem: { at: Date; kind: string; error: string; status: string } | null;
    };

export async function mailOverview(actor: SessionUser, now = new Date()): Promise<MailOverview> {
  assertRole(actor, "admin", "adminsOnlyHealth");
  const { MINIPORTAL_SMTP_URL: url, MINIPORTAL_MAIL_FROM: from } = env();
  if (!url || !from) return { enabled: false };
  const [stats, problem] = await Promise.all([
    outboxStats(now),
    db().outboxMessage.findFirst({
      where: { lastError: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, kind: true, lastError: true, status: true },
    }),
  ]);
  return {
    enabled: true,
    server: describeSmtp(url),
    from,
    stats,
    lastProblem: problem
      ? { at: problem.createdAt, kind: problem.kind, error: problem.lastError ?? "", status: problem.status }
      : null,
  };
}
