// Whether this process can write to its database right now, learnt from every
// query the driver adapters run (lib/db/adapter.ts), from readiness's write probe
// (lib/db/health.ts) and from a cheap look at the SQLite file. A read-only or full
// file system, a stopped or read-only PostgreSQL, or a database file changed under
// the portal make it "unwritable": pages keep rendering what can be read, a banner
// says so (components/ui/read-only-banner.tsx), saves and sign-ins say so instead of
// failing with a 500, incidental writes are skipped, and /health answers 503 at once.
// One log line when it starts and one when it ends, not one per failed query.
import { driverCause, pgCode, sqliteCode } from "./error-codes";
import { fileSystemCondition } from "./file-system";

/** Why writes fail, in the terms the banner and the messages use (common.readOnly, auth.login.unavailable). */
export type FaultReason = "readOnly" | "full" | "unreachable" | "changed" | "other";
export type DatabaseFault = { reason: FaultReason; code: string; since: number; operation: string };

type State = {
  fault: DatabaseFault | null;
  failures: number;
  /** What the file system said at the last look (checkSqliteFileSystem). */
  condition: { reason: FaultReason; code: string } | null;
  lookedAt: number;
};
const globalForState = globalThis as unknown as { miniportalDbAvailability?: State };
const fresh = (): State => ({ fault: null, failures: 0, condition: null, lookedAt: 0 });
const state = (): State => (globalForState.miniportalDbAvailability ??= fresh());

type Dig = { name?: unknown; code?: unknown; message?: unknown };

// PostgreSQL SQLSTATEs and socket errors that mean "no write can succeed now", not "this write is wrong".
const PG_READ_ONLY = new Set(["25006"]); // read_only_sql_transaction: a standby, default_transaction_read_only
const PG_FULL = new Set(["53100"]); // disk_full
const PG_GONE = /^(08|57P0[1-3])/; // connection exceptions; admin/crash shutdown, cannot connect now
const SOCKET_GONE = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "ENOENT", "EPIPE"]);
const PG_KINDS_GONE = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);

/**
 * A storage fault (the database cannot take writes now) behind an error, or null for
 * anything else: a constraint, a conflict, a lock wait (SQLITE_BUSY passes), a bug.
 */
export function faultOf(error: unknown): { reason: FaultReason; code: string } | null {
  const e = error as Dig | null;
  if (e?.name === "DatabaseFileChangedError")
    return { reason: "changed", code: `FILE_${String((error as { how?: unknown }).how).toUpperCase()}` };
  const sqlite = sqliteCode(error);
  if (sqlite) {
    // A read-only mount answers EROFS to SQLite's write(): SQLITE_IOERR_WRITE.
    if (sqlite.startsWith("SQLITE_READONLY") || sqlite === "SQLITE_IOERR_WRITE")
      return { reason: "readOnly", code: sqlite };
    if (sqlite === "SQLITE_FULL") return { reason: "full", code: sqlite };
    if (/^SQLITE_(IOERR|CANTOPEN|CORRUPT|NOTADB)/.test(sqlite)) return { reason: "other", code: sqlite };
    return null;
  }
  const cause = driverCause(error);
  const pg = pgCode(error);
  if (pg && PG_READ_ONLY.has(pg)) return { reason: "readOnly", code: `PG_${pg}` };
  if (pg && PG_FULL.has(pg)) return { reason: "full", code: `PG_${pg}` };
  if (pg && PG_GONE.test(pg)) return { reason: "unreachable", code: `PG_${pg}` };
  if (typeof cause?.kind === "string" && PG_KINDS_GONE.has(cause.kind))
    return { reason: "unreachable", code: cause.kind };
  // node-postgres errors the adapter passes through unconverted (a unix socket gone, a connection cut).
  const code = typeof e?.code === "string" ? e.code : null;
  if (code && SOCKET_GONE.has(code)) return { reason: "unreachable", code };
  if (
    typeof e?.message === "string" &&
    /^Connection terminated|^Client has encountered a connection error/.test(e.message)
  )
    return { reason: "unreachable", code: "CONNECTION_TERMINATED" };
  return null;
}

/** Records a failed query; a storage fault makes the database unwritable until a write succeeds again. */
export function noteDatabaseError(error: unknown, operation: string): void {
  const fault = faultOf(error);
  if (!fault) return;
  const detail = error instanceof Error ? error.message.split("\n").find((l) => l.trim()) : undefined;
  recordFault(fault, operation, detail?.trim().slice(0, 200) ?? null);
}

function recordFault(fault: { reason: FaultReason; code: string }, operation: string, detail: string | null): void {
  const s = state();
  s.failures++;
  if (s.fault?.reason === "changed") {
    if (fault.reason === "changed") s.fault.code = fault.code; // replaced, then deleted: the latest
    return; // already the news
  }
  if (s.fault?.reason === fault.reason) return;
  const first = !s.fault;
  s.fault = { ...fault, since: Date.now(), operation };
  log("error", {
    event: first ? "database.unwritable" : "database.unwritable_reason",
    reason: fault.reason,
    code: fault.code,
    operation,
    error: detail,
  });
}

/**
 * A query answered. A committed write ends a fault; any answer ends "unreachable"
 * (reads alone do not prove a read-only database writable). A changed database
 * file stays the news until a restart.
 */
export function noteDatabaseAnswered(committedWrite: boolean): void {
  const s = state();
  if (!s.fault || s.fault.reason === "changed" || s.condition) return;
  if (!committedWrite && s.fault.reason !== "unreachable") return;
  log("warn", {
    event: "database.writable",
    reason: s.fault.reason,
    code: s.fault.code,
    unwritable_ms: Date.now() - s.fault.since,
    failed_queries: s.failures,
  });
  s.fault = null;
  s.failures = 0;
}

/** The current fault, or null while the database takes writes (as far as this process knows). */
export function databaseFault(): DatabaseFault | null {
  return state().fault;
}

/** How often the file system under the SQLite file is looked at (a mountinfo read and a statfs). */
const LOOK_EVERY_MS = 200;

/**
 * A cheap look (no query) at the file system under the SQLite file: read-only or
 * full is seen before any write fails, so the banner and readiness need no traffic.
 * While it holds, a write that happens to go through (a small one on a nearly full
 * disk) does not end the fault.
 */
export function checkSqliteFileSystem(file: string, now = Date.now()): void {
  const s = state();
  if (now - s.lookedAt < LOOK_EVERY_MS) return;
  s.lookedAt = now;
  s.condition = fileSystemCondition(file);
  if (s.condition)
    recordFault(s.condition, "file system", s.condition.reason === "full" ? "no space left" : "read-only mount");
}

/**
 * An incidental write (a session's last-seen time, an audit of a read): tried, and
 * when the database cannot take it, skipped without failing the request. Skipped
 * outright while the database is known to be unwritable; any other error is a bug
 * and still throws.
 */
export async function bestEffortWrite(label: string, write: () => Promise<unknown>): Promise<boolean> {
  if (databaseFault()) return false;
  try {
    await write();
    return true;
  } catch (error) {
    if (!faultOf(error)) throw error;
    noteDatabaseError(error, label);
    return false;
  }
}

/** For tests: forget what this process learnt. */
export function resetDatabaseAvailability(): void {
  globalForState.miniportalDbAvailability = fresh();
}

function log(level: "error" | "warn", fields: Record<string, unknown>): void {
  // Imported when needed: the logger brings Next's request context, which scripts and
  // the e2e runner that load the driver adapter cannot resolve.
  import("../observability/logger")
    .then(
      ({ logger }) => logger()[level](fields),
      () => undefined,
    )
    .catch(() => undefined); // no configuration to log with (a bare script): the caller still gets the error
}
