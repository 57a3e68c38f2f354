// PostgreSQL that cannot take writes (issue 22, item 2), on a private cluster the
// test stops and starts for real (private-postgres.ts): stopped, every query fails,
// and /health says so within a second, saves and sign-ins say so instead of a 500,
// and the portal is back by itself once the server is; read-only
// (default_transaction_read_only, as on a standby), page loads keep working while
// saves and sign-ins say the portal is read-only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/login";
import { createSession, validateSession } from "@/lib/auth/sessions";
import { syncCourse } from "@/lib/content/sync";
import { databaseFault, faultOf, resetDatabaseAvailability } from "@/lib/db/availability";
import { createDb, type Db } from "@/lib/db/client";
import { checkReadiness, currentDatabaseFault, forgetWriteProbe, UNWRITABLE_REPROBE_MS } from "@/lib/db/health";
import { migrateDatabase } from "@/lib/db/migrate";
import { createDatabase } from "@/lib/db/temp-database";
import { StorageWriteError, storageWriteMessage } from "@/lib/db/write-errors";
import { resetEnvCache } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createLogger } from "@/lib/observability/logger";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_AUTH_SECRET, TEST_MASTER_PASS } from "../helpers/test-db";
import { waitUntil } from "../helpers/wait";
import { canRunPostgres, type PrivatePostgres, startPrivatePostgres } from "./private-postgres";

const slot = globalThis as unknown as { miniportalDb?: Db; miniportalLogger?: Logger };
const lines: string[] = [];
const events = (name: string) => lines.filter((l) => JSON.parse(l).event === name).length;
let server: PrivatePostgres;
let client: Db;
let dataDir: string;
const previous = { env: { ...process.env }, db: slot.miniportalDb };

beforeAll(async () => {
  if (!canRunPostgres()) return;
  server = await startPrivatePostgres();
  const url = await createDatabase(server.url("postgres"), "portal");
  await migrateDatabase(url);
  dataDir = mkdtempSync(path.join(tmpdir(), "miniportal-pgfaults-"));
  Object.assign(process.env, {
    DATABASE_URL: url,
    MINIPORTAL_DATA_DIR: dataDir,
    AUTH_SECRET: TEST_AUTH_SECRET,
    PORTAL_MASTER_PASS: TEST_MASTER_PASS,
  });
  resetEnvCache();
  client = createDb(url);
  slot.miniportalDb = client;
  slot.miniportalLogger = createLogger({ level: "info", json: true }, { write: (l: string) => void lines.push(l) });
  await syncCourse();
}, 120_000);

afterAll(async () => {
  if (!server) return;
  slot.miniportalLogger = undefined;
  await client.$disconnect();
  server.dispose();
  slot.miniportalDb = previous.db;
  process.env = previous.env;
  resetEnvCache();
  rmSync(dataDir, { recursive: true, force: true });
  resetDatabaseAvailability();
});

beforeEach(() => {
  resetDatabaseAvailability();
  forgetWriteProbe();
  lines.length = 0;
});

async function studentWithStaleSession() {
  const student = await createActiveUser();
  expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 0, text: "before" })).toMatchObject({
    kind: "saved",
  });
  const { sessionVersion } = await client.user.findUniqueOrThrow({ where: { id: student.id } });
  const { sid } = await createSession(student.id, new Date(Date.now() - 5 * 60_000));
  return { student, claims: { sub: student.id, sid, sv: sessionVersion } };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );

async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  try {
    await admin.query("SET default_transaction_read_only = off");
    await admin.query(sql);
    await admin.query("SELECT pg_reload_conf()");
  } finally {
    await admin.end();
  }
}

describe.skipIf(!canRunPostgres())("PostgreSQL that cannot take writes", () => {
  it("stopped: /health 503 within a second, saves and sign-ins are faults, back by itself", async () => {
    const { student } = await studentWithStaleSession();
    expect(await checkReadiness()).toEqual({ ready: true });

    server.stop();
    // Within a second of the server being gone, polled as a load balancer would.
    await waitUntil("readiness to turn unready", async () => !(await checkReadiness()).ready, { timeoutMs: 1000 });
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database unreachable" });
    expect(await currentDatabaseFault()).toMatchObject({ reason: "unreachable" });

    const save = await rejection(saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "not now" }));
    expect(save).toBeInstanceOf(StorageWriteError);
    expect(storageWriteMessage(save as StorageWriteError)).toMatch(
      /Nothing was saved; your text is still in the editor/,
    );
    expect(faultOf(await rejection(authenticate({ email: student.email, password: student.password })))).toMatchObject({
      reason: "unreachable",
    });
    expect(events("database.unwritable")).toBe(1);

    server.start();
    await waitUntil("readiness to come back", async () => (await checkReadiness()).ready, { timeoutMs: 10_000 });
    expect(databaseFault()).toBeNull();
    expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "after" })).toMatchObject({
      kind: "saved",
    });
    expect(events("database.writable")).toBe(1);
  }, 60_000);

  it("read-only (a standby, default_transaction_read_only): page loads and reads work, saves and sign-ins say so", async () => {
    const { student, claims } = await studentWithStaleSession();
    await asAdmin("ALTER SYSTEM SET default_transaction_read_only = on");
    try {
      await waitUntil("the setting to reach the pool", async () => {
        const [row] = await client.$queryRawUnsafe<{ default_transaction_read_only: string }[]>(
          "SHOW default_transaction_read_only",
        );
        return row?.default_transaction_read_only === "on";
      });
      // The last-seen touch fails with 25006 and is skipped; the page renders.
      expect(await validateSession(claims)).toMatchObject({ id: student.id });
      expect(await readNote(student.user, 1)).toMatchObject({ state: "ok", text: "before" });
      const save = await rejection(saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "refused" }));
      expect(save).toBeInstanceOf(StorageWriteError);
      expect(
        faultOf(await rejection(authenticate({ email: student.email, password: student.password }))),
      ).toMatchObject({ reason: "readOnly" });
      expect(await checkReadiness()).toEqual({ ready: false, reason: "database not writable (PG_25006)" });
    } finally {
      await asAdmin("ALTER SYSTEM RESET default_transaction_read_only");
    }
    await new Promise((r) => setTimeout(r, UNWRITABLE_REPROBE_MS + 50));
    await waitUntil("readiness to come back", async () => (await checkReadiness()).ready, { timeoutMs: 5000 });
    expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "after" })).toMatchObject({
      kind: "saved",
    });
  }, 60_000);
});
