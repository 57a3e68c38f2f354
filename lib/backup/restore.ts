// Restore a backup over the configured database, keeping the replaced one aside.
// Order of operations, each step failing safe:
//   1. the backup passes integrity_check and is a Miniportal database;
//   2. nothing uses the target (see app-running.ts);
//   3. a verified copy is prepared next to the target (same filesystem);
//   4. the current database is hard-linked aside and its -wal/-shm renamed aside;
//   5. the copy is renamed over the target: rename(2) is atomic, so the target
//      path always names either the old or the restored database.
import { existsSync, linkSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { detectRunningPortal } from "./app-running";
import { type Inspection, type RowCounts, verifyDatabaseFile } from "./inspect";
import {
  assertSameEngine,
  backupEngineOf,
  BackupError,
  createPrivateFile,
  fileTimestamp,
  fsyncPath,
  makePrivateDir,
  removeWithSidecars,
  sidecarsOf,
} from "./target";

export type RestoreOptions = {
  backup: string;
  target: string;
  /** Port the portal is configured to serve on (PORT). */
  port: number;
  now?: Date;
};

export type RestoreResult = {
  target: string;
  counts: RowCounts;
  migrations: string[];
  /** Where the replaced database and its sidecars were kept (empty when there was none). */
  keptAside: string[];
};

/** Checks a backup file without touching anything else. */
export function checkBackup(backup: string): Inspection {
  if (!existsSync(backup)) throw new BackupError(`No such backup: ${backup}`);
  const engine = backupEngineOf(backup);
  if (engine) assertSameEngine(backup, engine, "sqlite");
  const inspection = verifyDatabaseFile(backup);
  if (!("_prisma_migrations" in inspection.counts) || !("User" in inspection.counts)) {
    throw new BackupError(
      `${backup} is a SQLite database but not a Miniportal one (no _prisma_migrations/User tables).`,
    );
  }
  return inspection;
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const backup = path.resolve(options.backup);
  const target = path.resolve(options.target);
  if (backup === target) throw new BackupError("The backup and the database are the same file.");
  const inspection = checkBackup(backup);

  const running = await detectRunningPortal(target, options.port);
  if (running.running) {
    throw new BackupError(
      `The portal is still running, so restoring now would lose its writes:\n  ${running.reasons.join("\n  ")}\n` +
        "Stop it (Ctrl-C on npm start, or docker compose -f ops/compose.yml stop app), then run the restore again.",
    );
  }

  const dir = path.dirname(target);
  makePrivateDir(dir);
  const stamp = fileTimestamp(options.now ?? new Date());
  const prepared = path.join(dir, `.${path.basename(target)}.restoring-${stamp}`);
  try {
    // 0600 from the start; the restored database (and the WAL SQLite makes beside it) keep it.
    createPrivateFile(prepared);
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await source.backup(prepared);
    } finally {
      source.close();
    }
    // The portal runs SQLite in WAL mode (lib/db/migrate.ts); the mode lives in the file.
    const copy = new Database(prepared);
    copy.pragma("journal_mode = WAL");
    copy.close();
    verifyDatabaseFile(prepared, inspection.counts);
    // The read-only verification leaves the copy's -wal and -shm behind (a read-only
    // connection cannot remove them); a read-write open and close checkpoints and
    // removes them, so only the database file moves into place.
    const settle = new Database(prepared);
    settle.pragma("wal_checkpoint(TRUNCATE)");
    settle.close();
    for (const sidecar of sidecarsOf(prepared)) rmSync(sidecar, { force: true });
    fsyncPath(prepared);
  } catch (error) {
    removeWithSidecars(prepared);
    throw error instanceof BackupError
      ? error
      : new BackupError(`Preparing the restored copy failed: ${(error as Error).message}`);
  }

  const aside = `${target}.replaced-${stamp}`;
  const keptAside: string[] = [];
  if (existsSync(target)) {
    linkSync(target, aside);
    keptAside.push(aside);
  }
  // The old WAL belongs to the old database; left in place SQLite would replay it into the restored one.
  for (const [from, to] of sidecarsOf(target).map((s, i) => [s, sidecarsOf(aside)[i]!] as const)) {
    if (existsSync(from)) {
      renameSync(from, to);
      keptAside.push(to);
    }
  }
  renameSync(prepared, target);
  fsyncPath(dir);
  return { target, counts: inspection.counts, migrations: inspection.migrations, keptAside };
}
