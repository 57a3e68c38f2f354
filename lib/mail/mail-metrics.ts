// The sender's metrics. It runs in the cluster primary, which serves no requests
// and has no registry of its own; the primary adds this one to the workers' when
// it answers /metrics (lib/server/primary.ts).
import { Counter, Gauge, Registry } from "prom-client";

export type MailOutcome = "sent" | "retry" | "failed";

function create() {
  const registry = new Registry();
  return {
    registry,
    sent: new Counter({
      name: "portal_mail_sent_total",
      help: "Outbox delivery attempts by kind and outcome (sent, retry: a temporary failure, failed: given up)",
      labelNames: ["kind", "outcome"] as const,
      registers: [registry],
    }),
    depth: new Gauge({
      name: "portal_mail_outbox_depth",
      help: "Outbox messages waiting to be delivered (pending or being sent)",
      registers: [registry],
    }),
    oldestAge: new Gauge({
      name: "portal_mail_outbox_oldest_age_seconds",
      help: "Age of the oldest outbox message still waiting (0 when none)",
      registers: [registry],
    }),
  };
}

let current: ReturnType<typeof create> | null = null;

export function mailMetrics(): ReturnType<typeof create> {
  current ??= create();
  return current;
}
