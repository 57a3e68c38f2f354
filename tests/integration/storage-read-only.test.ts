// A database that cannot be written does not take the portal down (issue 22, item 2),
// with the faults made for real on a loop-mounted ext4 data dir (storage-mounts.ts):
// the file system turning read-only under the open database, and a full disk.
// Page loads keep working (the session's last-seen touch is best-effort, logged
// once), reads work, a save and a sign-in fail with what happened (never a 500's
// bare error), /health is 503 within a second, and a full disk that is freed
// again is noticed without a restart.
import path from "node:path";
import { copyFileSync } from "node:fs";
import type { Logger } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/login";
import { createSession, validateSession } from "@/lib/auth/sessions";
import { syncCourse } from "@/lib/content/sync";
import { databaseFault, faultOf, resetDatabaseAvailability } from "@/lib/db/availability";
import { createDb, type Db } from "@/lib/db/client";
import { checkReadiness, currentDatabaseFault, forgetWriteProbe, UNWRITABLE_REPROBE_MS } from "@/lib/db/health";
import { StorageWriteError, storageWriteMessage } from "@/lib/db/write-errors";
import { resetEnvCache } from "@/lib/env";
import { translatorFor } from "@/lib/i18n/translate";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createLogger } from "@/lib/observability/logger";
import { createActiveUser } from "../helpers/fixtures";
import { onPostgres } from "../helpers/test-database-mode";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { waitUntil } from "../helpers/wait";
import { canMount, mountScratch, type ScratchMount } from "./storage-mounts";

const slot = globalThis as unknown as { miniportalDb?: Db; miniportalLogger?: Logger };
const lines: string[] = [];
let mount: ScratchMount;
let t: TestDb;
let client: Db;

/** The template database copied onto a fresh scratch file system and installed as db(). */
beforeEach(async () => {
  mount = mountScratch();
  t = await createTestDb();
  const file = path.join(mount.dir, "miniportal.db");
  copyFileSync(t.file, file);
  process.env.DATABASE_URL = `file:${file}`;
  resetEnvCache();
  client = createDb(`file:${file}`);
  slot.miniportalDb = client;
  resetDatabaseAvailability();
  forgetWriteProbe();
  lines.length = 0;
  slot.miniportalLogger = createLogger({ level: "info", json: true }, { write: (l: string) => void lines.push(l) });
});

afterEach(async () => {
  slot.miniportalLogger = undefined;
  await client.$disconnect();
  await t.cleanup();
  mount.dispose();
  resetDatabaseAvailability();
  forgetWriteProbe();
});

const events = (name: string) => lines.filter((l) => JSON.parse(l).event === name).length;

async function studentWithStaleSession() {
  await syncCourse();
  const student = await createActiveUser();
  expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 0, text: "before the fault" })).toMatchObject({
    kind: "saved",
  });
  const { sessionVersion } = await client.user.findUniqueOrThrow({ where: { id: student.id } });
  // Last seen five minutes ago: the next request touches it (a write).
  const { sid } = await createSession(student.id, new Date(Date.now() - 5 * 60_000));
  return { student, claims: { sub: student.id, sid, sv: sessionVersion } };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => new Error(`expected a failure, got ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe.skipIf(onPostgres || !canMount())("a database that cannot be written", () => {
  it("read-only file system: pages and reads work, saves and sign-ins say so, /health 503 within a second", async () => {
    const { student, claims } = await studentWithStaleSession();
    expect(await checkReadiness()).toEqual({ ready: true });

    mount.makeReadOnly();
    // Page loads: the last-seen touch fails (SQLite: SQLITE_IOERR_WRITE for EROFS) and is skipped.
    for (let i = 0; i < 5; i++) expect(await validateSession(claims)).toMatchObject({ id: student.id });
    const started = performance.now();
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database not writable (SQLITE_IOERR_WRITE)" });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await readNote(student.user, 1)).toMatchObject({ state: "ok", text: "before the fault" });

    // A save: a storage fault with the editor's "nothing was saved" message, never a conflict.
    const save = await rejection(saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "refused" }));
    expect(save).toBeInstanceOf(StorageWriteError);
    expect(storageWriteMessage(save as StorageWriteError)).toMatch(
      /Nothing was saved; your text is still in the editor/,
    );
    // A sign-in: its writes (last login and its audit row, the session row) fail as a fault the form names.
    const login = await rejection(authenticate({ email: student.email, password: student.password }));
    expect(faultOf(login)).toMatchObject({ reason: "readOnly" });
    expect(faultOf(await rejection(createSession(student.id)))).toMatchObject({ reason: "readOnly" });
    const fault = await currentDatabaseFault();
    expect(fault).toMatchObject({ reason: "readOnly" });
    expect(translatorFor("en")("auth.login.unavailable", { reason: fault!.reason })).toBe(
      "The portal is read-only right now; signing in is not possible until the operator fixes it.",
    );
    expect(translatorFor("es")("common.readOnly.body", { reason: fault!.reason })).toMatch(/no es posible guardar/);

    // Logged once for the whole episode, not once per request.
    expect(events("database.unwritable")).toBe(1);
    expect(events("database.writable")).toBe(0);
  });

  it("read-only file system: /health notices it within a second with no write at all (the mount's options)", async () => {
    await syncCourse();
    expect(await checkReadiness()).toEqual({ ready: true });
    mount.makeReadOnly();
    // Polled as a load balancer would; nothing else touches the database meanwhile.
    await waitUntil("readiness to turn unready", async () => !(await checkReadiness()).ready, { timeoutMs: 1000 });
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database not writable (EROFS)" });
  });

  it("full disk: page loads work, the save says the disk is full, and freeing space ends it without a restart", async () => {
    const { student, claims } = await studentWithStaleSession();
    // The WAL keeps its size after a checkpoint and SQLite reuses it: empty it first, or a save
    // that fits in what the course import left there is written in spite of the full disk.
    await client.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    mount.fill();
    expect(await validateSession(claims)).toMatchObject({ id: student.id });
    const save = await rejection(saveNote(student.user, { phaseNumber: 2, baseVersion: 0, text: "x".repeat(100_000) }));
    expect(save).toBeInstanceOf(StorageWriteError);
    expect(storageWriteMessage(save as StorageWriteError)).toMatch(/disk is full.*your text is still in the editor/);
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database not writable (SQLITE_FULL)" });

    mount.free();
    // While unready, readiness probes again every UNWRITABLE_REPROBE_MS (not every 10 s).
    await new Promise((r) => setTimeout(r, UNWRITABLE_REPROBE_MS + 50));
    expect(await checkReadiness()).toEqual({ ready: true });
    expect(databaseFault()).toBeNull();
    expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "after" })).toMatchObject({
      kind: "saved",
      version: 2,
    });
    expect(await client.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(events("database.unwritable")).toBe(1);
    expect(events("database.writable")).toBe(1);
  });
});
