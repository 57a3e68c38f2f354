// Vitest globalSetup for a SQLite run: one database migrated for real through the
// schema engine, which every test file copies (a file copy takes a millisecond,
// a migration one to two seconds). Its WAL is checkpointed into the main file and
// removed, so the copy alone is the whole, consistent database (still in WAL mode:
// the mode is stored in the file header).
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrateDatabase } from "../../lib/db/migrate";
import { onPostgres, SQLITE_TEMPLATE_KEY } from "./test-database-mode";

export default async function setup(): Promise<(() => void) | undefined> {
  // Several projects of one run list this setup: the first one's template serves all.
  const existing = process.env[SQLITE_TEMPLATE_KEY];
  if (onPostgres || (existing && existsSync(existing))) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-template-"));
  const file = path.join(dir, "template.db");
  await migrateDatabase(`file:${file}`);
  const sqlite = new Database(file);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close(); // the last connection closing deletes the -wal and -shm files
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${wal} was not checkpointed into ${file}`);
  // Forked test workers inherit this environment.
  process.env[SQLITE_TEMPLATE_KEY] = file;
  return () => {
    delete process.env[SQLITE_TEMPLATE_KEY];
    rmSync(dir, { recursive: true, force: true });
  };
}
