// Readiness: the database file is still the one opened (and holds only what
// SQLite wrote), the database answers, every migration on disk is applied, and it
// takes a write (a read-only file or a full disk makes the portal unready even
// though pages still render). Any query of the process that fails for a storage
// reason makes it unready at once (lib/db/availability.ts); while it is, the write
// probe runs again every UNWRITABLE_REPROBE_MS, so readiness comes back as soon
// as the fault ends.
import { isSqliteUrl, sqlitePath } from "./adapter";
import "server-only";
import {
  type DatabaseFault,
  checkSqliteFileSystem,
  databaseFault,
  noteDatabaseAnswered,
  noteDatabaseError,
} from "./availability";
import { db } from "./client";
import { databaseFileChange } from "./file-identity";
import { pendingMigrations } from "./migration-files";
import { providerOf } from "./provider";
import { env } from "../env";

export type Readiness = { ready: true } | { ready: false; reason: string };

/** A write probe at most this often while writes work; readiness checks in between reuse its answer. */
export const WRITE_PROBE_INTERVAL_MS = 10_000;
/** While the database is unwritable: probe again this often (a real write, so only when asked). */
export const UNWRITABLE_REPROBE_MS = 500;

const globalForProbe = globalThis as unknown as { miniportalWriteProbe?: { at: number } };

/**
 * SQLite: rewrites SQLite's user_version header field with its own value: a real write
 * transaction (lock, WAL append, commit) that changes nothing. PostgreSQL: a read-only
 * server (a standby, default_transaction_read_only) takes no saves. The adapter reports
 * the probe's outcome like any query's (availability.ts).
 */
async function probe(): Promise<void> {
  try {
    if (isSqliteUrl(env().databaseUrl)) {
      const [row] = await db().$queryRawUnsafe<{ user_version: number | bigint }[]>("PRAGMA user_version");
      await db().$executeRawUnsafe(`PRAGMA user_version = ${Number(row?.user_version ?? 0)}`);
      return;
    }
    const [row] = await db().$queryRawUnsafe<{ transaction_read_only: string }[]>("SHOW transaction_read_only");
    if (row?.transaction_read_only !== "off") noteDatabaseError({ code: "25006" }, "probe");
    else noteDatabaseAnswered(true); // the probe's answer stands for a write here
  } catch {
    // Reported by the adapter; readiness reads the outcome from availability.ts.
  }
}

async function probeWhenDue(now = Date.now()): Promise<void> {
  const last = globalForProbe.miniportalWriteProbe;
  const interval = databaseFault() ? UNWRITABLE_REPROBE_MS : WRITE_PROBE_INTERVAL_MS;
  if (last && now - last.at < interval) return;
  globalForProbe.miniportalWriteProbe = { at: now }; // before the probe: concurrent checks share it
  await probe();
}

/** For tests: the next readiness check probes again. */
export function forgetWriteProbe(): void {
  globalForProbe.miniportalWriteProbe = undefined;
}

/** The cheap checks (no query): a SQLite file changed under the process, or on a read-only mount. */
function lookAtFile(): void {
  const url = env().databaseUrl;
  if (!isSqliteUrl(url)) return;
  const file = sqlitePath(url);
  const change = databaseFileChange(file);
  if (change) noteDatabaseError(change, "file check");
  else checkSqliteFileSystem(file);
}

function reasonOf(fault: DatabaseFault): string {
  if (fault.reason === "changed")
    return `database file ${fault.code.replace(/^FILE_/, "").toLowerCase()}; restart the portal`;
  if (fault.reason === "unreachable") return "database unreachable";
  return `database not writable (${fault.code})`;
}

/**
 * What the read-only banner shows: the fault this process knows of, after the cheap
 * checks and, while there is one, a write probe when due (so the banner goes away
 * by itself once the database takes writes again).
 */
export async function currentDatabaseFault(): Promise<DatabaseFault | null> {
  lookAtFile();
  if (databaseFault()) await probeWhenDue();
  return databaseFault();
}

export async function checkReadiness(): Promise<Readiness> {
  lookAtFile();
  const changed = databaseFault();
  if (changed?.reason === "changed") return { ready: false, reason: reasonOf(changed) };
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
  await probeWhenDue();
  const fault = databaseFault();
  return fault ? { ready: false, reason: reasonOf(fault) } : { ready: true };
}
