// A fresh, migrated SQLite file per test file, installed as the process's database
// so lib/ functions, which all call db(), use it.
import { mkdtempSync, rmSync } from "node:fs";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";

export const TEST_AUTH_SECRET = "test-auth-secret-0123456789abcdef0123456789";
export const TEST_MASTER_PASS = "test-master-pass-correct horse battery";

export type TestDb = { db: Db; dir: string; url: string; file: string; cleanup: () => Promise<void> };

const slot = globalThis as unknown as { miniportalDb?: Db };

/**
 * A fresh database installed as db() until cleanup, which puts back the database
 * and environment that were there before (so a test may open a second one inside
 * a suite that uses useTestDb).
 */
export async function createTestDb(extraEnv: Record<string, string> = {}): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), "miniportal-test-"));
  const file = path.join(dir, "test.db");
  const url = `file:${file}`;
  const vars = {
    DATABASE_URL: url,
    MINIPORTAL_DATA_DIR: dir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    PORTAL_MASTER_PASS: TEST_MASTER_PASS,
    MINIPORTAL_LOG_LEVEL: "silent",
    ...extraEnv,
  };
  const previousEnv = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const previousDb = slot.miniportalDb;
  Object.assign(process.env, vars);
  resetEnvCache();
  await migrateDatabase(url);
  const db = createDb(url);
  slot.miniportalDb = db;
  return {
    db,
    dir,
    url,
    file,
    cleanup: async () => {
      await db.$disconnect();
      slot.miniportalDb = previousDb;
      for (const [k, v] of Object.entries(previousEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvCache();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database for the enclosing suite: filled in before its tests, removed after. */
export function useTestDb(extraEnv: Record<string, string> = {}): TestDb {
  const handle = {} as TestDb;
  beforeAll(async () => {
    Object.assign(handle, await createTestDb(extraEnv));
  });
  afterAll(() => handle.cleanup());
  return handle;
}
