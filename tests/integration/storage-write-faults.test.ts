// Write failures are failures (issue 10, item 5), on a real SQLite file: a full
// database (max_page_count), a read-only connection and a lock held past the busy
// timeout each surface as a StorageWriteError with the SQLite code, never as a
// conflict; reads keep working; readiness turns unready through its write probe;
// after the fault clears, saves work again and integrity_check is ok.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { checkReadiness, forgetWriteProbe } from "@/lib/db/health";
import { StorageWriteError, storageWriteMessage } from "@/lib/db/write-errors";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { onPostgres } from "../helpers/test-database-mode";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let student: Awaited<ReturnType<typeof createActiveUser>>;

beforeAll(async () => {
  if (onPostgres) return; // the faults below are SQLite's
  await syncCourse();
  student = await createActiveUser();
  expect(
    await saveNote(student.user, { phaseNumber: 1, baseVersion: 0, text: "saved before the fault" }),
  ).toMatchObject({ kind: "saved", version: 1 });
});

async function faultOf(save: Promise<unknown>): Promise<StorageWriteError> {
  const error = await save.then(
    (result) => new Error(`expected a storage fault, got ${JSON.stringify(result)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageWriteError);
  return error as StorageWriteError;
}

async function expectRecovered(version: number): Promise<void> {
  forgetWriteProbe();
  expect(await checkReadiness()).toEqual({ ready: true });
  expect(
    await saveNote(student.user, { phaseNumber: 1, baseVersion: version, text: `after the fault ${version}` }),
  ).toMatchObject({ kind: "saved", version: version + 1 });
  expect(await t.db.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
}

// The faults are made with SQLite itself (max_page_count, a read-only open, a held lock).
describe.skipIf(onPostgres)("storage faults on save", () => {
  it("a full database: SQLITE_FULL, not a conflict; reads work; recovery", async () => {
    const [row] = await t.db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await t.db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(row!.page_count)}`);
    // A new note in another phase needs new pages.
    const fault = await faultOf(saveNote(student.user, { phaseNumber: 2, baseVersion: 0, text: "x".repeat(200_000) }));
    expect(fault.sqliteCode).toBe("SQLITE_FULL");
    expect(storageWriteMessage(fault)).toMatch(/disk is full.*still in the editor/);
    expect(await readNote(student.user, 1)).toMatchObject({ state: "ok", text: "saved before the fault" });
    await t.db.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    await expectRecovered(1);
  });

  it("a read-only database: SQLITE_READONLY; readiness is unready while it lasts", async () => {
    await t.db.$executeRawUnsafe("PRAGMA query_only = 1");
    const fault = await faultOf(saveNote(student.user, { phaseNumber: 1, baseVersion: 2, text: "refused" }));
    expect(fault.sqliteCode).toBe("SQLITE_READONLY");
    expect(await readNote(student.user, 1)).toMatchObject({ state: "ok", version: 2 });
    forgetWriteProbe();
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database not writable (SQLITE_READONLY)" });
    await t.db.$executeRawUnsafe("PRAGMA query_only = 0");
    await expectRecovered(2);
  });

  it("a lock held past the busy timeout: SQLITE_BUSY, not a conflict", async () => {
    const other = new Database(t.file);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const fault = await faultOf(saveNote(student.user, { phaseNumber: 1, baseVersion: 3, text: "waited too long" }));
      expect(fault.sqliteCode).toMatch(/^SQLITE_BUSY/);
      expect(await readNote(student.user, 1)).toMatchObject({ state: "ok", version: 3 });
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await expectRecovered(3);
  });

  it("a real conflict is still a conflict", async () => {
    expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 1, text: "stale" })).toMatchObject({
      kind: "conflict",
    });
  });
});
