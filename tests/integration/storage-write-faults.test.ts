// Write failures are failures (issue 10, item 5), on a real SQLite file: a full
// database (max_page_count), a read-only connection and a lock held past the busy
// timeout each surface as a StorageWriteError with the SQLite code, never as a
// conflict; reads keep working; readiness turns unready through its write probe;
// after the fault clears, saves work again and integrity_check is ok. Then the
// labels (issue 22, item 5): each engine's code under its own name (sqlite_code,
// pg_code), and a read-only file system called read-only.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { checkReadiness, forgetWriteProbe } from "@/lib/db/health";
import {
  StorageWriteError,
  pgCodeOf,
  reportStorageWriteError,
  sqliteCodeOf,
  storageWriteMessage,
  storageWriteReason,
} from "@/lib/db/write-errors";
import { createLogger } from "@/lib/observability/logger";
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

/** The storage.write_failed line reportStorageWriteError writes for `fault`, as JSON. */
function loggedLine(fault: StorageWriteError): Record<string, unknown> {
  const lines: string[] = [];
  const slot = globalThis as unknown as { miniportalLogger?: unknown };
  const before = slot.miniportalLogger;
  slot.miniportalLogger = createLogger({ level: "info", json: true }, { write: (l: string) => void lines.push(l) });
  try {
    reportStorageWriteError(fault);
  } finally {
    slot.miniportalLogger = before;
  }
  const line = lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.event === "storage.write_failed");
  expect(line, "a storage.write_failed line").toBeDefined();
  return line!;
}

describe("storage fault labels", () => {
  it.skipIf(onPostgres)("SQLite: sqlite_code; a read-only file system (SQLITE_IOERR_WRITE) is read-only", () => {
    // What SQLite answers when write() gets EROFS from a file system remounted read-only.
    const cause = new Database.SqliteError("disk I/O error", "SQLITE_IOERR_WRITE");
    const fault = new StorageWriteError("note", sqliteCodeOf(cause), { cause });
    expect([fault.sqliteCode, fault.pgCode, storageWriteReason(fault)]).toEqual([
      "SQLITE_IOERR_WRITE",
      null,
      "readOnly",
    ]);
    expect(fault.message).toBe("could not write note: read-only (sqlite_code=SQLITE_IOERR_WRITE)");
    expect(storageWriteMessage(fault)).toMatch(/because its database is read-only/);
    expect(loggedLine(fault)).toMatchObject({ reason: "readOnly", sqlite_code: "SQLITE_IOERR_WRITE" });
    const readonly = new StorageWriteError("note", "SQLITE_READONLY_DBMOVED");
    expect(storageWriteReason(readonly)).toBe("readOnly");
  });

  describe.runIf(onPostgres)("PostgreSQL", () => {
    const clients: pg.Client[] = [];
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
    });

    it("a write refused by a read-only transaction: pg_code=25006, read-only, never sqlite_code", async () => {
      // Through Prisma and the pg adapter, as a save on a standby or with default_transaction_read_only.
      const error = await t.db
        .$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
          await tx.$executeRawUnsafe(`UPDATE "User" SET name = name`);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error, "the write was refused").not.toBeNull();
      expect([sqliteCodeOf(error), pgCodeOf(error)]).toEqual([null, "25006"]);
      const fault = new StorageWriteError("note", sqliteCodeOf(error), { cause: error });
      expect([fault.sqliteCode, fault.pgCode, storageWriteReason(fault)]).toEqual([null, "25006", "readOnly"]);
      expect(fault.message).toBe("could not write note: read-only (pg_code=25006)");
      const line = loggedLine(fault);
      expect(line).toMatchObject({ reason: "readOnly", pg_code: "25006" });
      expect(line).not.toHaveProperty("sqlite_code");
    });

    it("a server shutting the connection down: pg_code=57P01 (admin shutdown), not sqlite_code", async () => {
      const client = new pg.Client({ connectionString: t.url });
      clients.push(client);
      await client.connect();
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // on, not once: after the 57P01 notice pg may emit a second error when the socket closes
      // ("Connection terminated unexpectedly"), which with no listener is an uncaught exception.
      const dropped = new Promise<unknown>((resolve) => client.on("error", resolve));
      await t.db.$queryRawUnsafe("SELECT pg_terminate_backend($1)", rows[0]!.pid);
      const error = await dropped;
      expect(pgCodeOf(error)).toBe("57P01");
      // As a caller that only knew the adapter's label passes it (lib/db/availability.ts: PG_<SQLSTATE>).
      for (const fault of [
        new StorageWriteError("note", sqliteCodeOf(error), { cause: error }),
        new StorageWriteError("note", "PG_57P01"),
      ]) {
        expect([fault.sqliteCode, fault.pgCode]).toEqual([null, "57P01"]);
        const line = loggedLine(fault);
        expect(line).toMatchObject({ pg_code: "57P01", reason: "other" });
        expect(line).not.toHaveProperty("sqlite_code");
      }
    });
  });
});
