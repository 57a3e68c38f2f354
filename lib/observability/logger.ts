// pino, JSON when MINIPORTAL_LOG_JSON=1, readable lines otherwise. Every line
// written during a request carries its request_id and student_id (from the
// request store, see request-context.ts). Secrets are kept out structurally: log
// calls pass named fields, and the redact paths below remove any that slip in.
import pino, { type Logger } from "pino";
import { env } from "../env";
import { currentRequestStore } from "./request-context";

/** Field names that never reach a log line, at the top level or one level down. */
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "hash",
  "token",
  "inviteToken",
  "sessionToken",
  "cookie",
  "cookies",
  "authorization",
  "secret",
  "masterPass",
  "PORTAL_MASTER_PASS",
  "AUTH_SECRET",
  "MINIPORTAL_METRICS_TOKEN",
  "MINIPORTAL_SMTP_URL",
  "smtpUrl",
  "body",
  "bodyMarkdown",
  "markdown",
  "plaintext",
  "answers",
  "answer",
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
];

function requestFields(): Record<string, unknown> {
  const store = currentRequestStore();
  return store ? { request_id: store.requestId, student_id: store.studentId } : {};
}

export type LoggerOptions = {
  level: string;
  json: boolean;
  /** Which process of the server writes: 0 the primary, 1..N its workers (lib/server/primary.ts). */
  worker?: number;
  /** MINIPORTAL_INSTANCE: which instance behind a balancer writes (every line carries it). */
  instance?: string;
};

export function createLogger(options: LoggerOptions, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: options.level,
      base:
        options.worker === undefined && !options.instance
          ? undefined
          : { worker: options.worker, instance: options.instance },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      redact: { paths: REDACT_PATHS, remove: true },
      formatters: { level: (label) => ({ level: label }) },
      // Explicit fields of a log call win over the request's.
      mixin: requestFields,
    },
    destination ?? (options.json ? pino.destination({ dest: 1, sync: true }) : prettyDestination()),
  );
}

// Readable lines for people when JSON is off: time level event key=value…
function prettyDestination(): pino.DestinationStream {
  return {
    write(line: string) {
      try {
        const { time, level, worker, instance, event, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
        if (event && msg) fields.push(String(msg));
        const who = `${instance ? `${String(instance)} ` : ""}${worker === undefined ? "" : worker === 0 ? "[primary] " : `[w${String(worker)}] `}`;
        process.stdout.write(
          `${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${who}${event ?? msg ?? ""} ${fields.join(" ")}\n`,
        );
      } catch {
        process.stdout.write(line);
      }
    },
  };
}

const globalForLogger = globalThis as unknown as { miniportalLogger?: Logger };

export function logger(): Logger {
  if (!globalForLogger.miniportalLogger) {
    const {
      MINIPORTAL_LOG_LEVEL: level,
      MINIPORTAL_LOG_JSON: json,
      MINIPORTAL_WORKER_ID: worker,
      MINIPORTAL_INSTANCE: instance,
    } = env();
    globalForLogger.miniportalLogger = createLogger({ level, json, worker, instance });
  }
  return globalForLogger.miniportalLogger;
}
