// One server worker (forked by lib/server/primary.ts): Next's request handler
// inside our own http.Server, so a stop can drain it (lib/server/drain.ts).
// Every worker listens on the same PORT; the primary hands it connections.
import { format } from "node:util";
import next from "next";
import type { Logger } from "pino";
import { env } from "../env";
import { logger } from "../observability/logger";
import { configuredSecrets } from "../observability/sentry";
import { withCompression } from "./compression";
import { createDrainableServer } from "./drain";
import { answerPrimary, askPrimary } from "./ipc";
import { DRAIN_REQUEST, EXIT_MARGIN_MS, READY_REQUEST, ROUTING_STOPPED_REQUEST } from "./protocol";

/** Configured secrets never reach a log line, even inside an error message Next prints. */
function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.replaceAll(secret, "[redacted]"), text);
}

/** Next's own console output goes through the logger too, so every line names its worker. */
function routeConsoleToLogger(log: Logger): void {
  const secrets = configuredSecrets();
  const levels = { log: "info", info: "info", warn: "warn", error: "error", debug: "debug" } as const;
  for (const [method, level] of Object.entries(levels) as [
    keyof typeof levels,
    (typeof levels)[keyof typeof levels],
  ][]) {
    console[method] = (...args: unknown[]) =>
      log[level]({ event: "console" }, withoutSecrets(format(...args), secrets));
  }
}

async function closeDatabase(): Promise<void> {
  // lib/db/client.ts keeps the one PrismaClient of the process here.
  const holder = globalThis as unknown as { miniportalDb?: { $disconnect(): Promise<void> } };
  await holder.miniportalDb?.$disconnect().catch(() => undefined);
}

export async function runWorker(root: string): Promise<void> {
  const config = env();
  const id = config.MINIPORTAL_WORKER_ID ?? 1;
  process.title = `miniportal-worker-${id}`;
  const log = logger();
  routeConsoleToLogger(log);

  const app = next({ dev: false, dir: root, port: config.PORT, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const drainable = createDrainableServer(withCompression((request, response) => void handle(request, response)));
  const { server } = drainable;

  const stop = async (reason: string, deadlineMs: number) => {
    if (drainable.draining) return;
    log.info({ event: "worker.draining", reason, deadline_ms: deadlineMs });
    const result = await drainable.drain(deadlineMs);
    log.info({ event: "worker.drained", outcome: result.outcome, ms: result.ms, requests_cut: result.cut });
    // Connections the primary handed over before it read the close are refused back to it
    // (it passes them to another worker) while this process still reads the channel.
    await askPrimary(ROUTING_STOPPED_REQUEST, null, 2000).catch(() => undefined);
    await closeDatabase();
    process.exit(0);
  };
  const ownDeadline = Math.max(500, config.MINIPORTAL_SHUTDOWN_TIMEOUT_S * 1000 - EXIT_MARGIN_MS);
  answerPrimary(DRAIN_REQUEST, (payload) => {
    const { deadlineMs } = payload as { deadlineMs: number };
    void stop("primary", deadlineMs);
    return true;
  });
  // A terminal's Ctrl-C or a process-group kill reaches the workers directly too.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const)
    process.on(signal, () => void stop(signal, ownDeadline));

  server.on("error", (error: NodeJS.ErrnoException) => {
    const text =
      error.code === "EADDRINUSE" ? `port ${config.PORT} is already in use (set PORT to a free one)` : error.message;
    log.fatal({ event: "worker.listen_failed", code: error.code ?? null }, text);
    process.exit(1);
  });
  server.listen(config.PORT, () => {
    log.info({ event: "worker.listening", port: config.PORT, pid: process.pid });
    void askPrimary(READY_REQUEST, { worker: id }).catch(() => undefined);
  });
}
