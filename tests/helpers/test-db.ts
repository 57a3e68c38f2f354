// A fresh, migrated database per test file, installed as the process's database
// so lib/ functions, which all call db(), use it: a SQLite file by default, a
// PostgreSQL database when MINIPORTAL_TEST_DATABASE=postgresql. Both are copies of
// the run's template, migrated once by the integration project's globalSetup;
// `{ migrate: true }` migrates an empty SQLite file for real instead.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { databaseNameOf } from "@/lib/db/provider";
import { createDatabase, dropDatabase } from "@/lib/db/temp-database";
import { postgresAdminUrl, resetEnvCache } from "@/lib/env";
import { onPostgres, PG_TEMPLATE_KEY, SQLITE_TEMPLATE_KEY } from "./test-database-mode";

export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef0123456789";
export const TEST_MASTER_PASS = "test-master-pass-correct horse battery";

/** `file` is the SQLite file; on PostgreSQL it is empty (use databaseBytes to look at stored bytes). */
export type TestDb = {
  db: Db;
  dir: string;
  url: string;
  file: string;
  provider: "sqlite" | "postgresql";
  cleanup: () => Promise<void>;
};

let created = 0;

export type TestDbOptions = {
  /** SQLite: migrate an empty file through the schema engine instead of copying the template. */
  migrate?: boolean;
};

/** A copy of the run's migrated SQLite template at `file`; false when there is none. */
function copySqliteTemplate(file: string): boolean {
  const template = process.env[SQLITE_TEMPLATE_KEY];
  if (!template) return false; // run outside the integration project: migrate instead
  if (!existsSync(template)) throw new Error(`${SQLITE_TEMPLATE_KEY}=${template} does not exist`);
  copyFileSync(template, file);
  return true;
}

async function newDatabaseUrl(dir: string): Promise<string> {
  if (!onPostgres) return `file:${path.join(dir, "test.db")}`;
  const template = process.env[PG_TEMPLATE_KEY];
  if (!template)
    throw new Error(
      `${PG_TEMPLATE_KEY} is not set: run the integration project (its globalSetup creates the template).`,
    );
  return createDatabase(postgresAdminUrl(), `${template.replace(/_tpl$/, "")}_${process.pid}_${++created}`, template);
}

const slot = globalThis as unknown as { miniportalDb?: Db };

/**
 * A fresh database installed as db() until cleanup, which puts back the database
 * and environment that were there before (so a test may open a second one inside
 * a suite that uses useTestDb).
 */
export async function createTestDb(
  extraEnv: Record<string, string> = {},
  options: TestDbOptions = {},
): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-test-"));
  const url = await newDatabaseUrl(dir);
  const vars = {
    DATABASE_URL: url,
    MINIPORTAL_DATA_DIR: dir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    PORTAL_MASTER_PASS: TEST_MASTER_PASS,
    MINIPORTAL_LOG_LEVEL: "silent",
    // The suites written for SM-2 create students through invites; FSRS suites switch theirs.
    MINIPORTAL_SCHEDULER: "sm2",
    ...extraEnv,
  };
  const previousEnv = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const previousDb = slot.miniportalDb;
  Object.assign(process.env, vars);
  resetEnvCache();
  // The PostgreSQL database is a copy of the migrated template already.
  if (!onPostgres && (options.migrate || !copySqliteTemplate(url.slice("file:".length)))) await migrateDatabase(url);
  const db = createDb(url);
  slot.miniportalDb = db;
  return {
    db,
    dir,
    url,
    file: onPostgres ? "" : url.slice("file:".length),
    provider: onPostgres ? "postgresql" : "sqlite",
    cleanup: async () => {
      await db.$disconnect();
      slot.miniportalDb = previousDb;
      for (const [k, v] of Object.entries(previousEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvCache();
      if (onPostgres) await dropDatabase(postgresAdminUrl(), databaseNameOf(url));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database for the enclosing suite: filled in before its tests, removed after. */
export function useTestDb(extraEnv: Record<string, string> = {}, options: TestDbOptions = {}): TestDb {
  const handle = {} as TestDb;
  beforeAll(async () => {
    Object.assign(handle, await createTestDb(extraEnv, options));
  });
  afterAll(() => handle.cleanup());
  return handle;
}

/**
 * Every byte the database keeps for this test: the SQLite file and its WAL, or a
 * plain-format pg_dump of the PostgreSQL database (what an operator or a backup sees).
 */
export function databaseBytes(t: TestDb): Buffer {
  if (t.provider === "sqlite") {
    return Buffer.concat([t.file, `${t.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  }
  const dump = spawnSync("pg_dump", ["--no-owner", "--dbname", t.url], { maxBuffer: 256 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr.toString()}`);
  return dump.stdout;
}

/** Names of the portal's tables (migrations bookkeeping excluded). */
export async function tableNames(t: TestDb): Promise<string[]> {
  const sql =
    t.provider === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name"
      : "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename";
  return (await t.db.$queryRawUnsafe<{ name: string }[]>(sql)).map((r) => r.name);
}
