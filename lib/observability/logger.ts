// pino, JSON when MINIPORTAL_LOG_JSON=1. Secrets are kept out structurally: log
// calls pass named fields, and the redact paths below drop any that slip in.
import pino, { type Logger } from "pino";
import { env } from "../env";

export const REDACT_PATHS = [
  "password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token", "cookie", "*.cookie",
  "headers.cookie", "headers.authorization", "body", "*.body", "masterPass", "answers", "*.answers",
];

function createLogger(): Logger {
  const { MINIPORTAL_LOG_LEVEL: level, MINIPORTAL_LOG_JSON: json } = env();
  return pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    redact: { paths: REDACT_PATHS, remove: true },
    formatters: { level: (label) => ({ level: label }) },
    ...(json ? {} : { transport: undefined }),
  }, json ? pino.destination(1) : prettyDestination());
}

// Readable lines for people when JSON is off: time level event key=value…
function prettyDestination(): pino.DestinationStream {
  return {
    write(line: string) {
      try {
        const { time, level, event, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
        const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
        process.stdout.write(`${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${event ?? msg ?? ""} ${fields.join(" ")}\n`);
      } catch {
        process.stdout.write(line);
      }
    },
  };
}

const globalForLogger = globalThis as unknown as { miniportalLogger?: Logger };

export function logger(): Logger {
  globalForLogger.miniportalLogger ??= createLogger();
  return globalForLogger.miniportalLogger;
}
