// npm run db:diff -- <name> — writes <timestamp>_<name>/migration.sql for each
// provider (prisma/migrations for SQLite, prisma/postgresql/migrations for
// PostgreSQL) with the SQL that brings its migrations up to the schema.
// Regenerates the PostgreSQL schema from prisma/schema.prisma first. PostgreSQL
// needs a server for the engine's shadow database: MINIPORTAL_POSTGRES_ADMIN_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffMigrationsToSchema, withSchemaEngine, type EngineTarget } from "../lib/db/schema-engine";
import { withTempDatabase } from "../lib/db/temp-database";
import { postgresAdminUrl } from "../lib/env";
import { runScript } from "./script-utils";

function write(target: EngineTarget, stamp: string, name: string, sql: string): void {
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log(
      `${target.provider}: no schema changes; the migrations already match ${path.relative(process.cwd(), target.schemaPath)}.`,
    );
    return;
  }
  const dir = path.join(target.migrationsDir, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`${target.provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

await runScript(async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
    throw new Error("Usage: npm run db:diff -- <name>   (lower-case letters, digits and _ only)");
  }
  const generated = spawnSync(
    process.execPath,
    [path.join(process.cwd(), "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts"],
    { stdio: "inherit" },
  );
  if (generated.status !== 0) throw new Error("Generating the schemas and clients failed.");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  // Throwaway databases: the engine replays the migrations in a shadow database.
  const sqlite = await withSchemaEngine("file::memory:", async (engine, target) => ({
    target,
    sql: await diffMigrationsToSchema(engine, target),
  }));
  const postgres = await withTempDatabase(postgresAdminUrl(), "miniportal_diff", (url) =>
    withSchemaEngine(url, async (engine, target) => ({ target, sql: await diffMigrationsToSchema(engine, target) })),
  ).catch((error: Error) => {
    throw new Error(`PostgreSQL diff needs a server at MINIPORTAL_POSTGRES_ADMIN_URL: ${error.message}`);
  });
  write(sqlite.target, stamp, name, sqlite.sql);
  write(postgres.target, stamp, name, postgres.sql);
});
