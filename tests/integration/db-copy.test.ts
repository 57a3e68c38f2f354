// Moving house: `npm run db:copy -- --to postgresql://…` copies a real SQLite
// portal (students, encrypted notes and exam answers, reviews, audit) into an
// empty PostgreSQL database, and the portal's own functions read it back there.
// Needs the PostgreSQL server of MINIPORTAL_POSTGRES_ADMIN_URL (as npm test does).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { COPY_ORDER } from "@/lib/db/copy/tables";
import { compareTable, CopyVerifyError, openEverySealedValue } from "@/lib/db/copy/verify";
import { databaseNameOf } from "@/lib/db/provider";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "@/lib/db/temp-database";
import { postgresAdminUrl } from "@/lib/env";
import { getAttemptResult, loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_MASTER_PASS, useTestDb } from "../helpers/test-db";

// The source is the useTestDb database; the PostgreSQL target is made and opened by
// hand because it is the copy under test, not the database the portal runs on.
const t = useTestDb();
let target: string;
const students: SessionUser[] = [];
let attemptId = "";
const useDatabase = (db: Db | undefined) => ((globalThis as unknown as { miniportalDb?: Db }).miniportalDb = db);

function dbCopy(to: string) {
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/db-copy.ts", "--to", to],
    {
      env: { ...process.env, DATABASE_URL: t.url, MINIPORTAL_DATA_DIR: t.dir },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  await syncCourse();
  for (let i = 0; i < 3; i++) {
    const { user } = await createActiveUser();
    students.push(user);
    for (const phase of [1, 2])
      await saveNote(user, {
        phaseNumber: phase,
        baseVersion: 0,
        text: `${user.name} · phase ${phase} · ünïcode ✓ ${"x".repeat(3000)}`,
      });
  }
  const sheet = await loadExamSheet(students[0]!, 1);
  const answers = Object.fromEntries(sheet!.questions.map((q) => [q.id, [q.choices[0]!.id]]));
  attemptId = (await submitExam(students[0]!, 1, answers, sheet!.startToken)).attemptId;
  target = await createDatabase(postgresAdminUrl(), uniqueDatabaseName("mp_test_copy"));
});
afterAll(async () => {
  useDatabase(t.db);
  await dropDatabase(postgresAdminUrl(), databaseNameOf(target));
});

describe("db:copy to PostgreSQL", () => {
  it("copies every table, verifies rows and decryption, and the portal reads the copy", async () => {
    const sourceCounts = Object.fromEntries(
      await Promise.all(
        COPY_ORDER.map(async (c) => [
          c.table,
          await (t.db as unknown as Record<string, { count(): Promise<number> }>)[c.delegate]!.count(),
        ]),
      ),
    );
    const run = dbCopy(target);
    expect(run.out).toMatch(/✓ verified: \d+ rows identical/);
    expect(run.status).toBe(0);
    expect(run.out).toContain("✓ every encrypted value opens: 6 notes, 1 exam answers");
    expect(run.out).toContain("event_log.id");
    expect(run.out).not.toContain(TEST_MASTER_PASS);

    const copy = createDb(target);
    try {
      for (const c of COPY_ORDER)
        expect(
          await (copy as unknown as Record<string, { count(): Promise<number> }>)[c.delegate]!.count(),
          c.table,
        ).toBe(sourceCounts[c.table]);
      // The portal's own reads, now against PostgreSQL.
      useDatabase(copy);
      expect(await readNote(students[1]!, 2)).toMatchObject({
        text: expect.stringContaining(`${students[1]!.name} · phase 2 · ünïcode ✓`),
      });
      expect(await getAttemptResult(students[0]!, 1, attemptId)).toMatchObject({ unreadable: false });
      // The sequence continues after the copied audit rows, and the rows stay append-only.
      const maxId = (await copy.eventLog.aggregate({ _max: { id: true } }))._max.id!;
      const next = await copy.eventLog.create({ data: { action: "copy.test" } });
      expect(next.id).toBe(maxId + 1);
      await expect(copy.eventLog.update({ where: { id: next.id }, data: { action: "tampered" } })).rejects.toThrow(
        /append-only/,
      );
      // A note written after the move saves and reads back.
      const saved = await saveNote(students[2]!, { phaseNumber: 3, baseVersion: 0, text: "written on PostgreSQL" });
      expect(saved).toMatchObject({ kind: "saved" });
      expect(await readNote(students[2]!, 3)).toMatchObject({ text: "written on PostgreSQL" });
    } finally {
      useDatabase(t.db);
      await copy.$disconnect();
    }
  });

  it("refuses a target that is not empty and leaves it as it was", async () => {
    const run = dbCopy(target);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/target database is not empty \(table \w+ has rows\)/);
  });

  it("verification catches a changed ciphertext byte and an unopenable note", async () => {
    const copy = createDb(target);
    try {
      // The note the first test wrote after the move is not in the source; without it the only difference is the flipped byte.
      const sourceIds = (await t.db.note.findMany({ select: { id: true } })).map((n) => n.id);
      await copy.note.deleteMany({ where: { id: { notIn: sourceIds } } });
      const note = await copy.note.findFirstOrThrow({ where: { userId: students[0]!.id } });
      const flipped = Buffer.from(note.ciphertext);
      flipped[0] = flipped[0]! ^ 1;
      await copy.note.update({ where: { id: note.id }, data: { ciphertext: new Uint8Array(flipped) } });
      await expect(
        compareTable(
          t.db,
          copy,
          COPY_ORDER.find((c) => c.model === "Note")!,
        ),
      ).rejects.toThrow(new CopyVerifyError(`Note: row ${note.id} differs from the source`));
      await expect(openEverySealedValue(copy, TEST_MASTER_PASS)).rejects.toThrow(
        `Note ${note.id} does not decrypt in the copy`,
      );
    } finally {
      await copy.$disconnect();
    }
  });
});
