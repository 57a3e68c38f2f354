// Which database a backup or restore acts on: the SQLite file here; PostgreSQL
// mode goes through pg_dump/pg_restore in postgres.ts.
import { closeSync, fsyncSync, openSync, rmSync } from "node:fs";
import path from "node:path";
import { isSqliteUrl, sqlitePath } from "../db/adapter";

export class BackupError extends Error {}

export const POSTGRES_HINT =
  "DATABASE_URL points at PostgreSQL: this step handles the SQLite file only " +
  '(PostgreSQL backups go through pg_dump/pg_restore, docs/backup-restore.md "PostgreSQL mode").';

/** Absolute path of the SQLite file of a DATABASE_URL, or a clear error for anything else. */
export function sqliteFileOf(databaseUrl: string): string {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) throw new BackupError(POSTGRES_HINT);
  if (!isSqliteUrl(databaseUrl))
    throw new BackupError(`DATABASE_URL must be a file: URL (SQLite); got ${databaseUrl.split(":")[0]}:`);
  // Drop SQLite URI parameters (file:x.db?mode=ro): they are not part of the path.
  return path.resolve(sqlitePath(databaseUrl).replace(/\?.*$/, ""));
}

/** Where backups of a data dir go. */
export function backupDirOf(dataDir: string): string {
  return path.join(dataDir, "backups");
}

/** The files SQLite keeps next to a database in WAL mode. */
export function sidecarsOf(file: string): string[] {
  return [`${file}-wal`, `${file}-shm`];
}

/** UTC timestamp usable in a file name, fixed width so names sort by time. */
export function fileTimestamp(now: Date): string {
  return now.toISOString().replace(/:/g, "-");
}

/** Flushes a file or directory to disk, so a rename that follows survives a crash. */
export function fsyncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function removeWithSidecars(file: string): void {
  for (const f of [file, ...sidecarsOf(file)]) rmSync(f, { force: true });
}
