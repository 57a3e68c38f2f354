// Migrating a database through the WebAssembly schema engine. SQLite: an
// integrity check, then WAL (the mode persists in the file). PostgreSQL: instances starting together take
// turns through an advisory lock, so a migration is never applied twice at once.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "./adapter";
import { assertDatabaseIntact } from "./integrity";
import { providerOf } from "./provider";
import { applyMigrations, withSchemaEngine } from "./schema-engine";

// Any constant shared by every Miniportal process; identifies the lock in pg_locks.
const MIGRATION_LOCK_KEY = 7_246_301;

export async function migrateDatabase(url: string): Promise<string[]> {
  if (providerOf(url) === "postgresql") {
    const lock = new pg.Client({ connectionString: url });
    await lock.connect();
    try {
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      return await withSchemaEngine(url, applyMigrations);
    } finally {
      await lock.end(); // ends the session, which releases the lock
    }
  }
  const file = sqlitePath(url);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // A damaged file is refused before anything writes to it (npm start, npm run db:migrate).
  const dataDir = process.env.MINIPORTAL_DATA_DIR;
  assertDatabaseIntact(file, dataDir ? path.join(dataDir, "backups") : undefined);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return withSchemaEngine(url, applyMigrations);
}
