// The start-time check of a SQLite database: `PRAGMA quick_check` (the structure of
// every page and index, without comparing index contents: a second or so for
// gigabytes). A damaged file is refused with the restore command to run, instead
// of being served with /health 200 until a save hits the damage.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class DatabaseCorruptError extends Error {
  name = "DatabaseCorruptError";
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly restoreCommand: string,
  ) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(
      `The database file ${file} is damaged: PRAGMA quick_check reports "${problems[0] ?? "?"}"${more}.\n` +
        "Miniportal will not serve it: saves into a damaged file can lose more of it.\n" +
        "Restore a backup (the damaged file is kept aside as <file>.replaced-<time>), then start again:\n" +
        `  ${restoreCommand}\n` +
        'See docs/backup-restore.md, "Restoring".',
    );
  }
}

/** `npm run restore -- <the newest backup in backupDir>`, or a placeholder when there is none. */
export function restoreCommandFor(backupDir: string): string {
  let newest: string | null = null;
  try {
    // Backups are named miniportal-<UTC time>.db: the last in name order is the newest.
    newest =
      readdirSync(backupDir)
        .filter((f) => /^miniportal-.+\.db$/.test(f))
        .sort()
        .at(-1) ?? null;
  } catch {
    // No backup directory.
  }
  return newest
    ? `npm run restore -- ${path.join(backupDir, newest)}`
    : `npm run restore -- <a backup file or s3:// key>   (no backup in ${backupDir})`;
}

function quickCheckProblems(file: string): string[] {
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { fileMustExist: true });
    const rows = sqlite.pragma("quick_check(20)") as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  } catch (error) {
    // "file is not a database", "database disk image is malformed": damaged beyond listing.
    return [(error as Error).message];
  } finally {
    sqlite?.close();
  }
}

/**
 * Refuses a damaged database (DatabaseCorruptError); an absent or empty file passes
 * (a fresh install's migrations create it). `backupDir` is where the newest backup
 * is looked for: the data dir's `backups/` by default.
 */
export function assertDatabaseIntact(file: string, backupDir = path.join(path.dirname(file), "backups")): void {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const problems = quickCheckProblems(file);
  if (problems.length) throw new DatabaseCorruptError(path.resolve(file), problems, restoreCommandFor(backupDir));
}
