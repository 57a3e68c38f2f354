// Telling storage faults apart from domain outcomes. A write that fails because
// the database is read-only, full or locked is a server fault (5xx, logged with
// its SQLite code), never a "conflict" or a validation message.
import { logger } from "../observability/logger";
import { markServerFault } from "../observability/request-context";
import { reportError } from "../observability/sentry";

type Dig = { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; cause?: unknown };

/** The SQLite result code behind a Prisma or driver error (SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY…), if any. */
export function sqliteCodeOf(error: unknown): string | null {
  const e = error as Dig | null;
  const fromMeta = e?.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof fromMeta === "string") return fromMeta;
  const fromCause = (e?.cause as { originalCode?: unknown } | undefined)?.originalCode;
  if (typeof fromCause === "string") return fromCause;
  return typeof e?.code === "string" && e.code.startsWith("SQLITE_") ? e.code : null;
}

/** A unique or primary-key violation: a domain race (someone else wrote first), not a fault. */
export function isUniqueViolation(error: unknown): boolean {
  if ((error as Dig | null)?.code === "P2002") return true;
  const code = sqliteCodeOf(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export class StorageWriteError extends Error {
  constructor(
    public readonly operation: string,
    public readonly sqliteCode: string | null,
    options?: { cause?: unknown },
  ) {
    super(`could not write ${operation}: ${sqliteCode ?? "unknown storage error"}`, options);
    this.name = "StorageWriteError";
  }
}

/** Logs the fault with its code and counts this request as a server error (5xx). */
export function reportStorageWriteError(error: StorageWriteError): void {
  markServerFault();
  // Answered as a form error, so onRequestError never sees it: report it here. Without
  // its cause: a driver error's text can quote the values being written (note text).
  const fault = new Error(error.message);
  fault.name = error.name;
  fault.stack = error.stack;
  reportError(fault);
  logger().error({
    event: "storage.write_failed",
    operation: error.operation,
    sqlite_code: error.sqliteCode,
    error: error.cause instanceof Error ? error.cause.message.split("\n")[0] : null,
  });
}

/** Why the write failed, in the terms a message tells the user (journal.save.storage selects on it). */
export function storageWriteReason(error: StorageWriteError): "full" | "readOnly" | "busy" | "other" {
  if (error.sqliteCode === "SQLITE_FULL") return "full";
  if (error.sqliteCode?.startsWith("SQLITE_READONLY")) return "readOnly";
  if (error.sqliteCode?.startsWith("SQLITE_BUSY")) return "busy";
  return "other";
}

const WHY = {
  full: "its disk is full",
  readOnly: "its database is read-only",
  busy: "its database stayed locked",
  other: "of a storage fault",
} as const;

/** A user-facing sentence in English (the journal's save action shows it translated: journal.save.storage). */
export function storageWriteMessage(error: StorageWriteError): string {
  const why = WHY[storageWriteReason(error)];
  return (
    `The server could not save this because ${why}. Nothing was saved; your text is still in the editor. ` +
    "Try again in a few minutes, or tell your course admin if it keeps happening."
  );
}
