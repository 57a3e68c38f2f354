// Backups in PostgreSQL mode, through the real npm run backup / restore entry
// points: pg_dump archive with manifest and retention, the confirmation guard,
// refusal while the portal is connected, and the drill: after a restore every
// note decrypts to the text acknowledged before the backup. PostgreSQL pass only.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBackups } from "@/lib/backup/retention";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let backupsDir: string;
const students: SessionUser[] = [];
const texts = new Map<string, string>();
const useDatabase = (db: Db | undefined) => ((globalThis as unknown as { miniportalDb?: Db }).miniportalDb = db);

function cli(script: "backup" | "restore", args: string[]) {
  const result = spawnSync(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), `scripts/${script}.ts`, ...args],
    {
      env: { ...process.env, DATABASE_URL: t.url, MINIPORTAL_DATA_DIR: t.dir },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"], // no TTY, as under cron or CI
      timeout: 120_000,
    },
  );
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  backupsDir = path.join(t.dir, "backups");
  await syncCourse();
  for (let i = 0; i < 3; i++) {
    const { user } = await createActiveUser();
    students.push(user);
    const text = `${user.name} journal ✓ ${"y".repeat(2000)}`;
    await saveNote(user, { phaseNumber: 1, baseVersion: 0, text });
    texts.set(user.id, text);
  }
});
afterAll(async () => {
  useDatabase(t.db);
});

describe("PostgreSQL backup and restore", () => {
  let backup = "";

  it("npm run backup writes a verified pg_dump archive with its manifest, and keeps the newest N", () => {
    for (let i = 0; i < 3; i++) {
      const run = cli("backup", ["--keep", "2"]);
      expect(run.out).toMatch(/✓ verified: pg_restore lists every table; manifest records \d+ rows/);
      expect(run.status).toBe(0);
      backup = run.out.trim().split("\n").at(-1)!;
    }
    expect(backup).toMatch(/miniportal-.*\.dump$/);
    expect(listBackups(backupsDir)).toHaveLength(2);
    expect(listBackups(backupsDir)[0]).toBe(backup);
    const manifest = JSON.parse(readFileSync(`${backup}.json`, "utf8")) as { counts: Record<string, number> };
    expect(manifest.counts).toMatchObject({ User: 3, Note: 3 });
    expect(readFileSync(backup).subarray(0, 5).toString()).toBe("PGDMP"); // custom format
    // The archive and its manifest hold every student's data: as private as the database.
    const modeOf = (f: string) => statSync(f).mode & 0o777;
    expect(modeOf(backup)).toBe(0o600);
    expect(modeOf(`${backup}.json`)).toBe(0o600);
    expect(modeOf(backupsDir)).toBe(0o700);
  });

  it("restore asks for confirmation and refuses while the portal is connected", async () => {
    const unconfirmed = cli("restore", [backup]);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.out).toMatch(/Refusing to restore without confirmation/);
    await t.db.user.count(); // this process holds connections, as a running instance does
    const busy = cli("restore", [backup, "--yes"]);
    expect(busy.status).toBe(1);
    expect(busy.out).toMatch(/connected to .*the portal is still running/);
  });

  it("the drill: after a restore every note decrypts to its text and later writes are gone", async () => {
    // A save after the backup: not in the archive.
    await saveNote(students[0]!, { phaseNumber: 2, baseVersion: 0, text: "after the backup" });
    await t.db.$disconnect(); // stop "the portal"
    const run = cli("restore", [backup, "--yes"]);
    expect(run.out).toMatch(/✓ restored .*; row counts match the backup's manifest/);
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/kept aside as \S+_aside_\d{14}/);

    const restored = createDb(t.url);
    useDatabase(restored);
    try {
      for (const s of students) expect(await readNote(s, 1)).toMatchObject({ text: texts.get(s.id) });
      expect(await readNote(students[0]!, 2)).toMatchObject({ state: "empty" });
      expect(await restored.note.count()).toBe(3);
      // Still append-only after the restore (the trigger came back with the schema).
      const row = await restored.eventLog.findFirstOrThrow();
      await expect(restored.eventLog.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    } finally {
      await restored.$disconnect();
      useDatabase(t.db);
    }
    expect(existsSync(backup)).toBe(true);
  });
});
