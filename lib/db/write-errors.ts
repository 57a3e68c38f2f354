// Telling storage faults apart from domain outcomes. A write that fails because
// the database is read-only, full or locked is a server fault (5xx, logged with
// the engine's own code: sqlite_code for SQLite, pg_code, the SQLSTATE, for
// PostgreSQL), never a "conflict" or a validation message.
import { logger } from "../observability/logger";
import { markServerFault } from "../observability/request-context";
import { reportError } from "../observability/sentry";

import { faultOf } from "./availability";
import { SQLSTATE, pgCode, sqliteCode } from "./error-codes";

type Dig = { code?: unknown };

/** The SQLite result code behind a Prisma or driver error (SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY…), if any. */
export const sqliteCodeOf = sqliteCode;

/** The SQLSTATE behind a PostgreSQL error (57P01 admin shutdown, 25006 read-only, 53100 disk full…), if any. */
export const pgCodeOf = pgCode;

/** A unique or primary-key violation: a domain race (someone else wrote first), not a fault. */
export function isUniqueViolation(error: unknown): boolean {
  if ((error as Dig | null)?.code === "P2002") return true;
  const code = sqliteCodeOf(error);
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

export class StorageWriteError extends Error {
  /** SQLite's result code, when SQLite refused the write. */
  public readonly sqliteCode: string | null;
  /** PostgreSQL's SQLSTATE, when PostgreSQL refused it. */
  public readonly pgCode: string | null;

  /** `code`: what the caller knows of the fault (an engine's code, PG_<SQLSTATE>, EROFS…); the cause's own codes win. */
  constructor(
    public readonly operation: string,
    public readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(`could not write ${operation}`, options);
    this.name = "StorageWriteError";
    this.sqliteCode = sqliteCodeOf(options?.cause) ?? (code?.startsWith("SQLITE_") ? code : null);
    const pg = code?.replace(/^PG_/, "") ?? "";
    this.pgCode = pgCodeOf(options?.cause) ?? (!this.sqliteCode && SQLSTATE.test(pg) ? pg : null);
    this.message += `: ${REASON_LABEL[storageWriteReason(this)]} (${codeLabel(this)})`;
  }
}

/** The code under the engine's own name, for log lines and reports. */
function codeFields(error: StorageWriteError): Record<string, string> {
  if (error.sqliteCode) return { sqlite_code: error.sqliteCode };
  if (error.pgCode) return { pg_code: error.pgCode };
  return error.code ? { code: error.code } : {};
}

function codeLabel(error: StorageWriteError): string {
  const [field] = Object.entries(codeFields(error));
  return field ? `${field[0]}=${field[1]}` : "no error code";
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
    reason: storageWriteReason(error),
    ...codeFields(error),
    error: error.cause instanceof Error ? error.cause.message.split("\n")[0] : null,
  });
}

type Reason = "full" | "readOnly" | "busy" | "other";

// A read-only file system answers SQLite's write() with EROFS, which SQLite reports as
// SQLITE_IOERR_WRITE (SQLITE_READONLY is a read-only file or connection).
const READ_ONLY = /^(SQLITE_READONLY|SQLITE_IOERR_WRITE$|EROFS$)/;
const PG_REASONS: Record<string, Reason> = { "25006": "readOnly", "53100": "full", "55P03": "busy" };

/** Why the write failed, in the terms a message tells the user (journal.save.storage selects on it). */
export function storageWriteReason(error: StorageWriteError): Reason {
  const code = error.sqliteCode ?? error.code ?? "";
  if (error.pgCode) return PG_REASONS[error.pgCode] ?? "other";
  if (READ_ONLY.test(code)) return "readOnly";
  if (code === "SQLITE_FULL" || code === "ENOSPC") return "full";
  if (code.startsWith("SQLITE_BUSY")) return "busy";
  return "other";
}

const REASON_LABEL = {
  full: "disk full",
  readOnly: "read-only",
  busy: "database locked",
  other: "storage fault",
} as const;

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

/**
 * A write that failed because the database cannot take writes now, as the storage
 * error to report and the reason a message selects on; null for anything else (a
 * domain outcome or a bug, which must surface as such).
 */
export function storageFaultOf(error: unknown): { error: StorageWriteError; reason: string } | null {
  if (error instanceof StorageWriteError)
    return { error, reason: faultOf(error.cause)?.reason ?? storageWriteReason(error) };
  const fault = faultOf(error);
  return fault ? { error: new StorageWriteError("form", fault.code, { cause: error }), reason: fault.reason } : null;
}
