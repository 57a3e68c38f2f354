// Integrity and row counts of a SQLite file: the checks a backup must pass
// before it is kept and a restore must pass before it is swapped in.
import Database from "better-sqlite3";
import { BackupError } from "./target";

export type RowCounts = Record<string, number>;

type Sqlite = Database.Database;

/** Row count of every table (SQLite's own tables excluded), in one read snapshot when called inside a transaction. */
export function rowCounts(sqlite: Sqlite): RowCounts {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: RowCounts = {};
  for (const table of tables) {
    counts[table] = sqlite
      .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/** "ok", or SQLite's list of problems. */
export function integrityCheck(sqlite: Sqlite): string {
  const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join("; ");
}

/** Tables whose counts differ, as readable lines; empty when equal. */
export function countDifferences(expected: RowCounts, actual: RowCounts): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names
    .filter((n) => expected[n] !== actual[n])
    .map((n) => `${n}: expected ${expected[n] ?? "no table"}, found ${actual[n] ?? "no table"}`);
}

export type Inspection = { integrity: string; counts: RowCounts; migrations: string[] };

/** Opens a file read-only and reports integrity, counts and applied migrations. */
export function inspectDatabaseFile(file: string): Inspection {
  let sqlite: Sqlite;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    sqlite.exec("BEGIN");
    const integrity = integrityCheck(sqlite);
    const counts = rowCounts(sqlite);
    const migrations =
      "_prisma_migrations" in counts
        ? (sqlite
            .prepare(
              "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
            )
            .pluck()
            .all() as string[])
        : [];
    sqlite.exec("COMMIT");
    return { integrity, counts, migrations };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable SQLite database: ${(error as Error).message}`);
  } finally {
    sqlite.close();
  }
}

/** Throws unless the file passes integrity_check and has the expected counts. */
export function verifyDatabaseFile(file: string, expected?: RowCounts): Inspection {
  const inspection = inspectDatabaseFile(file);
  if (inspection.integrity !== "ok")
    throw new BackupError(`${file} failed PRAGMA integrity_check: ${inspection.integrity}`);
  if (expected) {
    const diff = countDifferences(expected, inspection.counts);
    if (diff.length) throw new BackupError(`${file} row counts differ from the source:\n  ${diff.join("\n  ")}`);
  }
  return inspection;
}

export function totalRows(counts: RowCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
