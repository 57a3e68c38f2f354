// The engine's own code behind a Prisma or driver error, with no other import: the
// driver adapters (lib/db/adapter.ts) and their users outside Next (scripts, the
// e2e runner) load this without the request context and logger that
// lib/db/write-errors.ts brings (which re-exports them as sqliteCodeOf/pgCodeOf).
type Cause = { kind?: unknown; code?: unknown; originalCode?: unknown };
type Dig = { code?: unknown; severity?: unknown; meta?: { driverAdapterError?: { cause?: Cause } }; cause?: unknown };

/** The driver's description of an error: the one a Prisma error carries, or a DriverAdapterError's cause. */
export function driverCause(error: unknown): Cause | null {
  const e = error as Dig | null;
  const meta = e?.meta?.driverAdapterError?.cause;
  if (meta) return meta;
  return e?.cause && typeof e.cause === "object" ? (e.cause as Cause) : null;
}

// Five characters with a digit (57P01, 25006), never an errno name (EPIPE) or a Prisma code (P2002).
export const SQLSTATE = /^(?=.*\d)(?!P[1-9]\d{3}$)[0-9A-Z]{5}$/;

/** SQLite's result code (SQLITE_FULL, SQLITE_IOERR_WRITE…), if SQLite raised the error. */
export function sqliteCode(error: unknown): string | null {
  for (const code of [driverCause(error)?.originalCode, (error as Dig | null)?.code])
    if (typeof code === "string" && code.startsWith("SQLITE_")) return code;
  return null;
}

/** PostgreSQL's SQLSTATE (25006, 53100, 57P01…), if PostgreSQL raised the error. */
export function pgCode(error: unknown): string | null {
  const cause = driverCause(error);
  if (cause?.kind === "postgres" && typeof cause.code === "string") return cause.code;
  if (typeof cause?.originalCode === "string" && SQLSTATE.test(cause.originalCode)) return cause.originalCode;
  // A node-postgres error the adapter did not convert (an idle pooled connection's) has a severity.
  const e = error as Dig | null;
  return typeof e?.severity === "string" && typeof e.code === "string" && SQLSTATE.test(e.code) ? e.code : null;
}
