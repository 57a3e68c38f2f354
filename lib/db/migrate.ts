// Migrating a database: WAL for SQLite (the mode persists in the file), then
// the migrations through the WebAssembly schema engine.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { adapterFor, isSqliteUrl, sqlitePath } from "./adapter";
import { applyMigrations, withSchemaEngine } from "./schema-engine";

export async function migrateDatabase(url: string): Promise<string[]> {
  if (isSqliteUrl(url)) {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
  return withSchemaEngine(adapterFor(url), applyMigrations);
}
