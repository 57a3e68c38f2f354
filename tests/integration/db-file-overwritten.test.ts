// A database file changed under the running portal (issue 22, item 3): an older copy
// `cp`-ed over the live file (same inode) is noticed before another save is
// acknowledged, by readiness as well as by the next write; the WAL that belongs to
// the old content is moved aside so a restart serves the copy as it is; the
// portal's own checkpoints from several processes are never mistaken for it; and
// a damaged database is refused at start with the restore command to run.
import { copyFileSync, existsSync, mkdirSync, openSync, readdirSync, statSync, writeSync, closeSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { databaseFault, resetDatabaseAvailability } from "@/lib/db/availability";
import { DatabaseFileChangedError } from "@/lib/db/file-identity";
import { checkReadiness, forgetWriteProbe } from "@/lib/db/health";
import { DatabaseCorruptError, assertDatabaseIntact } from "@/lib/db/integrity";
import { migrateDatabase } from "@/lib/db/migrate";
import { StorageWriteError } from "@/lib/db/write-errors";
import { saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { onPostgres } from "../helpers/test-database-mode";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { runModule } from "../helpers/run-module";

// A database of its own per test: the first one leaves its file changed for good.
let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
  resetDatabaseAvailability();
  forgetWriteProbe();
});

describe.skipIf(onPostgres)("a database file changed under the portal", () => {
  it("a copy over the live file: readiness 503, saves refused, old WAL aside, a restart serves the copy", async () => {
    await syncCourse();
    const student = await createActiveUser();
    let version = 0;
    const save = async (text: string) => {
      const result = await saveNote(student.user, { phaseNumber: 1, baseVersion: version, text });
      expect(result).toMatchObject({ kind: "saved" });
      version++;
    };
    await save("version 1");
    // The "backup" an operator later copies back by hand: the file alone, as cp sees it.
    await t.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    const old = path.join(t.dir, "ten-minutes-old.db");
    copyFileSync(t.file, old);
    // Saves after it, checkpointed into the file by the portal itself: never mistaken for a change.
    for (let i = 2; i <= 30; i++) {
      await save(`version ${i} `.repeat(200 * i));
      if (i % 10 === 0) await t.db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
    }
    expect(await checkReadiness()).toEqual({ ready: true });

    const inode = statSync(t.file).ino;
    copyFileSync(old, t.file); // cp: same inode, new bytes
    expect(statSync(t.file).ino).toBe(inode);
    expect(await checkReadiness()).toEqual({ ready: false, reason: "database file overwritten; restart the portal" });
    const aside = readdirSync(t.dir).filter((f) => f.includes(".set-aside-"));
    expect(aside.map((f) => f.replace(/set-aside-.*-(wal|shm)$/, "set-aside-$1")).sort()).toEqual([
      "test.db.set-aside-shm",
      "test.db.set-aside-wal",
    ]);
    expect(existsSync(`${t.file}-wal`)).toBe(false);
    expect(databaseFault()).toMatchObject({ reason: "changed", code: "FILE_OVERWRITTEN" });

    const refused = await saveNote(student.user, { phaseNumber: 1, baseVersion: version, text: "lost?" }).catch(
      (e: unknown) => e,
    );
    // Refused as a fault the editor reports (the write guard, or a read of the now mixed pages).
    expect(refused).toBeInstanceOf(StorageWriteError);
    expect(databaseFault()).toMatchObject({ reason: "changed", code: "FILE_OVERWRITTEN" });
    expect(await checkReadiness()).toMatchObject({ ready: false });

    // A restart (a new process: SQLite shares one wal-index per file within a process): the
    // file passes the start check and opens as the copy, without the old WAL replayed into it.
    const restarted = await runModule(`
      const { assertDatabaseIntact } = await import(${JSON.stringify(path.resolve("lib/db/integrity.ts"))});
      const { createDb } = await import(${JSON.stringify(path.resolve("lib/db/client.ts"))});
      assertDatabaseIntact(${JSON.stringify(t.file)});
      const db = createDb(${JSON.stringify(t.url)});
      const note = await db.note.findFirstOrThrow({ where: { userId: ${JSON.stringify(student.id)} } });
      const [check] = await db.$queryRawUnsafe("PRAGMA integrity_check");
      console.log(JSON.stringify({ version: note.version, check: check.integrity_check }));
      await db.$disconnect();`);
    expect(restarted.code).toBe(0);
    expect(JSON.parse(restarted.out.trim().split("\n").at(-1)!)).toEqual({ version: 1, check: "ok" });
  });

  it("a copy over the live file is refused at the next write when nobody asked /health", async () => {
    await syncCourse();
    const student = await createActiveUser();
    await t.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    copyFileSync(t.file, path.join(t.dir, "copy.db"));
    expect(await saveNote(student.user, { phaseNumber: 1, baseVersion: 0, text: "one" })).toMatchObject({
      kind: "saved",
    });
    copyFileSync(path.join(t.dir, "copy.db"), t.file);
    const refused = await t.db.phase
      .create({ data: { number: 97, slug: "after-copy", title: "t", summary: "s", body: "b", passMark: 0 } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DatabaseFileChangedError);
    expect(String(refused)).toMatch(/was overwritten while the portal was running; writes are refused/);
    expect((refused as DatabaseFileChangedError).setAside).toHaveLength(2);
  });

  it("the portal's own checkpoints from several processes are never taken for a change", async () => {
    const writers = await Promise.all([0, 1, 2].map(() => checkpointingWriter(t.url, 90)));
    for (const w of writers) {
      expect(w.out).not.toMatch(/DatabaseFileChangedError|overwritten|Error/);
      expect(w.code).toBe(0);
    }
    expect(databaseFault()).toBeNull();
  });

  it("a damaged database is refused at start with the command that restores the newest backup", async () => {
    const dir = path.join(t.dir, "corrupt");
    mkdirSync(path.join(dir, "backups"), { recursive: true });
    const file = path.join(dir, "miniportal.db");
    copyFileSync(t.file, file);
    assertDatabaseIntact(file); // intact: passes
    for (const name of ["miniportal-2026-01-30T02-15-00.000Z.db", "miniportal-2026-01-31T02-15-00.000Z.db"])
      copyFileSync(file, path.join(dir, "backups", name));
    // Garbage over the third page (a b-tree page of the schema).
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 2 * 4096);
    closeSync(fd);

    let error: unknown = null;
    try {
      assertDatabaseIntact(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseCorruptError);
    expect((error as Error).message).toContain(
      `npm run restore -- ${path.join(dir, "backups", "miniportal-2026-01-31T02-15-00.000Z.db")}`,
    );
    // npm start and npm run db:migrate refuse it before writing anything.
    process.env.MINIPORTAL_DATA_DIR = dir;
    await expect(migrateDatabase(`file:${file}`)).rejects.toThrow(/is damaged: PRAGMA quick_check reports/);
  });
});

/** A process that writes and checkpoints often (every 3 pages, and TRUNCATE now and then), as busy workers do. */
function checkpointingWriter(url: string, rounds: number): Promise<{ code: number | null; out: string }> {
  return runModule(`
    const { createDb } = await import(${JSON.stringify(path.resolve("lib/db/client.ts"))});
    const db = createDb(${JSON.stringify(url)});
    await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 3");
    for (let i = 0; i < ${rounds}; i++) {
      await db.$transaction(async (tx) => {
        await tx.phase.count();
        await tx.phase.upsert({
          where: { number: 98 },
          create: { number: 98, slug: "checkpoints", title: "t", summary: "s", body: "b".repeat(5000), passMark: 0 },
          update: { passMark: { increment: 1 }, body: "x".repeat(3000 + (i % 7) * 900) },
        });
      });
      if (i % 40 === 0) await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    await db.$disconnect();`);
}
