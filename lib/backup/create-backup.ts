// Online backup of the live SQLite file with SQLite's backup API. The copy is
// taken inside one read transaction, so it is a consistent snapshot while the
// app keeps writing (WAL lets writers proceed), and the row counts read in the
// same transaction are exactly what the copy must contain.
import { renameSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { applyRetention } from "./retention";
import { type RowCounts, rowCounts, verifyDatabaseFile } from "./inspect";
import { BackupError, createPrivateFile, fileTimestamp, fsyncPath, makePrivateDir, removeWithSidecars } from "./target";

export type BackupProgress = { totalPages: number; remainingPages: number };

export type BackupOptions = {
  /** The live database file. */
  source: string;
  /** Directory for backups (created if missing). */
  dir: string;
  /** How many backups to keep, this one included. */
  keep: number;
  /** Pages copied per step; between steps the event loop (and the app) runs. */
  pagesPerStep?: number;
  onProgress?: (progress: BackupProgress) => void;
  now?: Date;
};

export type BackupResult = {
  file: string;
  bytes: number;
  counts: RowCounts;
  /** Applied migrations in the copy, oldest first (off-site metadata names the last one). */
  migrations: string[];
  durationMs: number;
  deleted: string[];
};

export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  try {
    statSync(options.source);
  } catch {
    throw new BackupError(`No database at ${options.source}. Check DATABASE_URL / MINIPORTAL_DATA_DIR.`);
  }
  makePrivateDir(options.dir);
  const file = path.join(options.dir, `miniportal-${fileTimestamp(now)}.db`);
  // Written under a name retention ignores, renamed only once verified.
  const partial = `${file}.partial`;
  removeWithSidecars(partial);
  // Made 0600 before SQLite opens it: the copy, its journal and the renamed backup keep that mode.
  createPrivateFile(partial);

  const sqlite = new Database(options.source, { readonly: true, fileMustExist: true });
  let counts: RowCounts;
  let totalPages = 0;
  try {
    sqlite.exec("BEGIN");
    counts = rowCounts(sqlite); // also starts the read snapshot the backup copies
    const step = Math.max(1, options.pagesPerStep ?? 100);
    await sqlite.backup(partial, {
      progress: (p) => {
        totalPages = p.totalPages;
        options.onProgress?.(p);
        return step;
      },
    });
    sqlite.exec("COMMIT");
  } catch (error) {
    removeWithSidecars(partial);
    throw new BackupError(`Backup of ${options.source} failed: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }

  let migrations: string[];
  try {
    // A backup is one self-contained file: rollback journal, not WAL.
    const copy = new Database(partial);
    copy.pragma("journal_mode = DELETE");
    copy.close();
    migrations = verifyDatabaseFile(partial, counts).migrations;
    fsyncPath(partial);
    renameSync(partial, file);
    fsyncPath(options.dir);
  } catch (error) {
    removeWithSidecars(partial);
    throw error instanceof BackupError
      ? error
      : new BackupError(`Verifying the backup failed: ${(error as Error).message}`);
  }
  options.onProgress?.({ totalPages: Math.max(totalPages, 1), remainingPages: 0 });
  const deleted = applyRetention(options.dir, options.keep, file);
  return { file, bytes: statSync(file).size, counts, migrations, durationMs: Date.now() - started, deleted };
}
