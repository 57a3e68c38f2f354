// The restore drill of docs/backup-restore.md as a test: students write encrypted
// notes, a backup is taken while a writer keeps saving, the backup is restored to
// a new place, and every note in it still decrypts with the same master pass
// (and to exactly the text that was acknowledged for its version).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup } from "@/lib/backup/create-backup";
import { inspectDatabaseFile } from "@/lib/backup/inspect";
import { restoreBackup } from "@/lib/backup/restore";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { VaultPassError } from "@/lib/vault/startup";
import { createActiveUser } from "../helpers/fixtures";
import { TEST_MASTER_PASS, useTestDb } from "../helpers/test-db";
import { waitUntil } from "../helpers/wait";
import { freePort } from "../ops/prometheus-local";

const STUDENTS = 4;
const PHASES = [1, 2, 3];

const t = useTestDb();
const students: SessionUser[] = [];
/** Every acknowledged save: "<user>/<phase>/<version>" → text. */
const acknowledged = new Map<string, string>();
const ackKey = (userId: string, phase: number, version: number) => `${userId}/${phase}/${version}`;

function useDatabase(db: Db | undefined): void {
  (globalThis as unknown as { miniportalDb?: Db }).miniportalDb = db;
}

async function save(user: SessionUser, phase: number, baseVersion: number, text: string): Promise<number> {
  const result = await saveNote(user, { phaseNumber: phase, baseVersion, text });
  if (result.kind !== "saved") throw new Error(`save failed: ${result.kind}`);
  acknowledged.set(ackKey(user.id, phase, result.version), text);
  return result.version;
}

beforeAll(async () => {
  await syncCourse();
  for (let i = 0; i < STUDENTS; i++) students.push((await createActiveUser()).user);
  // Bulk so the copy takes many steps: 4 students × 3 phases of ~20 KB notes.
  for (const s of students)
    for (const p of PHASES)
      await save(s, p, 0, `# Phase ${p}\n\n${s.name} — première version ✓\n${"x".repeat(20_000)}`);
});
afterAll(async () => {
  useDatabase(t.db);
});

describe("restore drill", () => {
  it("backs up while writes continue, restores to a new place, and every note decrypts", async () => {
    const versions = new Map<string, number>(students.flatMap((s) => PHASES.map((p) => [`${s.id}/${p}`, 1] as const)));
    let backupRunning = false;
    let saves = 0;
    let savesDuringBackup = 0;
    let stop = false;
    const writer = (async () => {
      // Bounded; each save yields to the event loop as a request handler would.
      for (let i = 0; !stop && i < 5000; i++) {
        await new Promise((r) => setImmediate(r));
        const s = students[i % STUDENTS]!;
        const p = PHASES[i % PHASES.length]!;
        const key = `${s.id}/${p}`;
        const v = await save(s, p, versions.get(key)!, `edit ${i} by ${s.name} ${"y".repeat(i % 5000)}`);
        versions.set(key, v);
        saves++;
        if (backupRunning) savesDuringBackup++;
      }
    })();

    await waitUntil("the writer's first save", () => saves > 0);
    backupRunning = true;
    const backup = await createBackup({ source: t.file, dir: path.join(t.dir, "backups"), keep: 7, pagesPerStep: 2 });
    backupRunning = false;
    stop = true;
    await writer;
    expect(savesDuringBackup, "the writer saved while the backup was being copied").toBeGreaterThan(0);

    expect(backup.counts.Note).toBe(STUDENTS * PHASES.length);

    // Restore to a new place, as the drill does (DATABASE_URL pointing at a fresh path).
    const target = path.join(t.dir, "drill", "miniportal.db");
    const restored = await restoreBackup({ backup: backup.file, target, port: await freePort() });
    expect(restored.keptAside).toEqual([]);
    expect(inspectDatabaseFile(target).integrity).toBe("ok");

    // The restored database, opened like the app opens it, with the same master pass.
    const restoredDb = createDb(`file:${target}`);
    useDatabase(restoredDb);
    try {
      const rows = await restoredDb.note.findMany({ include: { phase: true } });
      let behindLive = 0;
      expect(rows).toHaveLength(STUDENTS * PHASES.length);
      for (const row of rows) {
        const user = students.find((s) => s.id === row.userId)!;
        const view = await readNote(user, row.phase.number);
        expect(view?.state, `note ${row.id} decrypts`).toBe("ok");
        if (view?.state !== "ok") continue;
        expect(view.version).toBe(row.version);
        expect(view.text).toBe(acknowledged.get(ackKey(user.id, row.phase.number, row.version)));
        behindLive += versions.get(`${row.userId}/${row.phase.number}`)! - row.version;
      }
      // A snapshot from while the writer ran: the saves acknowledged after it are not in it.
      expect(behindLive).toBeGreaterThan(0);
    } finally {
      await restoredDb.$disconnect();
    }

    // The notes are only as recoverable as the master pass: a backup without it is ciphertext.
    process.env.PORTAL_MASTER_PASS = "a different master pass, not the vault's";
    resetEnvCache();
    const wrongPassDb = createDb(`file:${target}`);
    useDatabase(wrongPassDb);
    try {
      await expect(readNote(students[0]!, 1)).rejects.toBeInstanceOf(VaultPassError);
    } finally {
      await wrongPassDb.$disconnect();
      process.env.PORTAL_MASTER_PASS = TEST_MASTER_PASS;
      resetEnvCache();
    }
  });
});
