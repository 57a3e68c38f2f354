import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { readMigrations } from "@/lib/db/migration-files";
import { migrationsDirFor } from "@/lib/db/provider";
import { diffMigrationsToSchema, withSchemaEngine } from "@/lib/db/schema-engine";
import { withTempDatabase } from "@/lib/db/temp-database";
import { postgresAdminUrl } from "@/lib/env";
import { onPostgres } from "../helpers/test-database-mode";
import { useTestDb } from "../helpers/test-db";

describe(`migrations (${onPostgres ? "PostgreSQL" : "SQLite"})`, () => {
  // Migrated for real (SQLite: from an empty file, not a copy of the run's template).
  const t = useTestDb({}, { migrate: true });

  it("yield exactly the provider's schema (the schema engine's diff is empty)", async () => {
    // SQLite: a throwaway in-memory database; PostgreSQL: the engine replays them in a shadow database.
    const sql = await withSchemaEngine(onPostgres ? t.url : "file::memory:", diffMigrationsToSchema);
    expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
  });

  it("are all recorded in _prisma_migrations and re-running applies nothing", async () => {
    const names = (await readMigrations(migrationsDirFor(t.provider))).migrationDirectories.map((d) => d.path);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const rows = await t.db.$queryRaw<
      { migration_name: string }[]
    >`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names.sort());
    expect(await migrateDatabase(t.url)).toEqual([]);
  });

  it.skipIf(!onPostgres)(
    "PostgreSQL: instances migrating an empty database at once apply each migration exactly once",
    async () => {
      await withTempDatabase(postgresAdminUrl(), "mp_test_migrate_race", async (url) => {
        const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
        const names = (await readMigrations(migrationsDirFor("postgresql"))).migrationDirectories.map((d) => d.path);
        expect(results.flat().sort()).toEqual(names.sort());
      });
    },
  );

  it.skipIf(onPostgres)("leave SQLite in WAL mode", () => {
    const sqlite = new Database(t.file, { readonly: true });
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    sqlite.close();
  });

  it.skipIf(onPostgres)("let concurrent SQLite writers wait on the busy timeout instead of failing", async () => {
    // Another process holds the write lock for 500 ms (better-sqlite3 waits synchronously,
    // so the blocker cannot live in this process).
    const script = `const D=require("better-sqlite3");const d=new D(process.argv[1]);d.exec("BEGIN IMMEDIATE");console.log("locked");setTimeout(()=>{d.exec("COMMIT");d.close()},500)`;
    const blocker = spawn(process.execPath, ["-e", script, t.file], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => blocker.stdout.once("data", resolve));
    const started = Date.now();
    await expect(t.db.eventLog.create({ data: { action: "busy.test" } })).resolves.toMatchObject({
      action: "busy.test",
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // it really waited for the lock
    await new Promise((resolve) => blocker.once("exit", resolve));
  });
});
