// Readiness: the database file is still the one opened, the database answers,
// every migration on disk is applied, and it takes a write (a read-only file or
// a full disk makes the portal unready even though pages still render).
import { isSqliteUrl, sqlitePath } from "./adapter";
import "server-only";
import { db } from "./client";
import { databaseFileChange } from "./file-identity";
import { pendingMigrations } from "./migration-files";
import { providerOf } from "./provider";
import { sqliteCodeOf } from "./write-errors";
import { env } from "../env";

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A write probe at most this often; readiness checks in between reuse its answer. */
export const WRITE_PROBE_INTERVAL_MS = 10_000;

type Probe = { at: number; problem: string | null };
const globalForProbe = globalThis as unknown as { miniportalWriteProbe?: Probe };

/**
 * SQLite: rewrites SQLite's user_version header field with its own value: a real write
 * transaction (lock, WAL append, commit) that changes nothing.
 */
async function writeProblem(now = Date.now()): Promise<string | null> {
  const last = globalForProbe.miniportalWriteProbe;
  if (last && now - last.at < WRITE_PROBE_INTERVAL_MS) return last.problem;
  let problem: string | null = null;
  if (isSqliteUrl(env().databaseUrl)) {
    try {
      const [row] = await db().$queryRawUnsafe<{ user_version: number | bigint }[]>("PRAGMA user_version");
      await db().$executeRawUnsafe(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`);
    } catch (error) {
      problem = `database not writable (${sqliteCodeOf(error) ?? "unknown error"})`;
    }
  } else {
    // PostgreSQL: a read-only server (a standby, default_transaction_read_only) takes no saves.
    const [row] = await db().$queryRawUnsafe<{ transaction_read_only: string }[]>("SHOW transaction_read_only");
    if (row?.transaction_read_only !== "off") problem = "database not writable (read-only transactions)";
  }
  globalForProbe.miniportalWriteProbe = { at: now, problem };
  return problem;
}

/** For tests: the next readiness check probes again. */
export function forgetWriteProbe(): void {
  globalForProbe.miniportalWriteProbe = undefined;
}

export async function checkReadiness(): Promise<Readiness> {
  const url = env().databaseUrl;
  const change = isSqliteUrl(url) ? databaseFileChange(sqlitePath(url)) : null;
  if (change) return { ready: false, reason: `database file ${change.how}; restart the portal` };
  try {
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const pending = await pendingMigrations(
      rows.map((r) => r.migration_name),
      providerOf(env().databaseUrl),
    );
    if (pending.length) return { ready: false, reason: `migrations not applied: ${pending.join(", ")}` };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : "unknown error";
    return {
      ready: false,
      reason: /_prisma_migrations/.test(message ?? "") ? "database has no migrations applied" : "database unreachable",
    };
  }
  const problem = await writeProblem();
  return problem ? { ready: false, reason: problem } : { ready: true };
}
