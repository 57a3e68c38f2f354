import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/db/migrate";
import { readMigrations } from "@/lib/db/migration-files";
import { diffMigrationsToSchema, withSchemaEngine } from "@/lib/db/schema-engine";
import { useTestDb } from "../helpers/test-db";

describe("migrations", () => {
  const t = useTestDb();

  it("yield exactly prisma/schema.prisma (the schema engine's diff is empty)", async () => {
    const sql = await withSchemaEngine("file::memory:", diffMigrationsToSchema);
    expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
  });

  it("are all recorded in _prisma_migrations and re-running applies nothing", async () => {
    const names = (await readMigrations()).migrationDirectories.map((d) => d.path);
    const sqlite = new Database(t.file, { readonly: true });
    const rows = sqlite.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL").all() as { migration_name: string }[];
    sqlite.close();
    expect(rows.map((r) => r.migration_name).sort()).toEqual(names.sort());
    expect(await migrateDatabase(t.url)).toEqual([]);
  });

  it("leave SQLite in WAL mode", () => {
    const sqlite = new Database(t.file, { readonly: true });
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    sqlite.close();
  });

  it("let concurrent writers wait on the busy timeout instead of failing", async () => {
    // Another process holds the write lock for 500 ms (better-sqlite3 waits synchronously,
    // so the blocker cannot live in this process).
    const script = `const D=require("better-sqlite3");const d=new D(process.argv[1]);d.exec("BEGIN IMMEDIATE");console.log("locked");setTimeout(()=>{d.exec("COMMIT");d.close()},500)`;
    const blocker = spawn(process.execPath, ["-e", script, t.file], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => blocker.stdout.once("data", resolve));
    const started = Date.now();
    await expect(t.db.eventLog.create({ data: { action: "busy.test" } })).resolves.toMatchObject({ action: "busy.test" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // it really waited for the lock
    await new Promise((resolve) => blocker.once("exit", resolve));
  });
});
