// npm run db:diff -- <name> — writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that brings the migrations up to prisma/schema.prisma.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { adapterFor } from "../lib/db/adapter";
import { migrationsDir } from "../lib/db/migration-files";
import { diffMigrationsToSchema, withSchemaEngine } from "../lib/db/schema-engine";
import { runScript } from "./script-utils";

await runScript(async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
    throw new Error("Usage: npm run db:diff -- <name>   (lower-case letters, digits and _ only)");
  }
  // A throwaway in-memory database: the engine replays the migrations in a shadow database.
  const sql = await withSchemaEngine(adapterFor("file::memory:"), diffMigrationsToSchema);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("No schema changes: the migrations already match prisma/schema.prisma.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
});
