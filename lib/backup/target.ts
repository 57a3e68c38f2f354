// Which database a backup or restore acts on: the SQLite file here; PostgreSQL
// mode goes through pg_dump/pg_restore in postgres.ts.
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readSync, rmSync } from "node:fs";
import path from "node:path";
import { isSqliteUrl, sqlitePath } from "../db/adapter";
import type { Provider } from "../db/provider";

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

/**
 * Backups hold every student's data, so they are as private as the database: files
 * 0600, directories 0700, whatever the umask. Creates `dir` and any missing parents
 * 0700; a directory that already exists is left as it is (an operator's --dir may be
 * shared, e.g. a mount point).
 */
export function makePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  // mkdir returns the first directory it created; every one from there down to `dir` is new.
  const top = path.resolve(first);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chmodSync(d, 0o700);
    if (d === top || path.dirname(d) === d) break;
  }
}

/**
 * Creates (or empties) `file` as 0600 before a tool writes into it: SQLite and
 * pg_dump keep the mode of a file that exists, and SQLite gives its journal and
 * WAL the database's mode, so nothing is ever readable by others, not even briefly.
 */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, "w", 0o600));
  chmodSync(file, 0o600);
}

export function removeWithSidecars(file: string): void {
  for (const f of [file, ...sidecarsOf(file)]) rmSync(f, { force: true });
}

/**
 * Which database a backup file was taken from, by its first bytes (a name can be
 * changed, the content says what it is): a SQLite file, a pg_dump custom-format
 * archive, or null for anything else.
 */
export function backupEngineOf(file: string): Provider | null {
  const head = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "SQLite format 3\0") return "sqlite";
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgresql";
  return null;
}

const ENGINE_NAMES: Record<Provider, string> = {
  sqlite: "a SQLite backup",
  postgresql: "a PostgreSQL (pg_dump) backup",
};

/**
 * Refuses a backup taken from the other kind of database: a SQLite file cannot be
 * pg_restored, nor a pg_dump archive opened as SQLite, and neither should get as
 * far as replacing anything. `what` names the backup (path or s3:// URL).
 */
export function assertSameEngine(what: string, engine: Provider, target: Provider): void {
  if (engine === target) return;
  const how =
    target === "postgresql"
      ? "Restore it into a SQLite instance (DATABASE_URL=file:…), then move the data with npm run db:copy -- --to postgresql://…."
      : "Restore it with DATABASE_URL=postgresql://… (PostgreSQL mode, docs/scale-out.md).";
  throw new BackupError(
    `${what} is ${ENGINE_NAMES[engine]}, but DATABASE_URL points at ${target === "postgresql" ? "PostgreSQL" : "a SQLite file"}: ` +
      `a backup restores only into the kind of database it was taken from. ${how}`,
  );
}
