// A backup restores only into the kind of database it was taken from. On the
// SQLite pass the foreign backup is a real pg_dump archive (of a scratch database
// on the PostgreSQL server, as db-copy.test.ts uses), on the PostgreSQL pass a real
// SQLite backup; each is uploaded off-site and also kept as a local file, both under
// a name of this pass's kind, since the content decides, not the name. `npm run
// restore` refuses them with a message naming both kinds, before changing anything.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { createBackup } from "@/lib/backup/create-backup";
import { listOffsite, uploadBackup } from "@/lib/backup/offsite/offsite";
import { createPostgresBackup } from "@/lib/backup/postgres";
import { syncCourse } from "@/lib/content/sync";
import { migrateDatabase } from "@/lib/db/migrate";
import { withTempDatabase } from "@/lib/db/temp-database";
import { postgresAdminUrl } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { type LocalS3, runCli, startLocalS3 } from "../helpers/local-s3";
import { onPostgres } from "../helpers/test-database-mode";
import { useTestDb } from "../helpers/test-db";
import { freePort } from "../ops/prometheus-local";

const FOREIGN = onPostgres ? "a SQLite backup" : "a PostgreSQL (pg_dump) backup";
const HERE = onPostgres ? "PostgreSQL" : "a SQLite file";
const NOTE = "written before the refused restores ✓";

const t = useTestDb();
let s3: LocalS3;
let scratch: string;
let student: SessionUser;
let foreignFile = "";
let foreignUrl = "";

/** A verified backup of a freshly migrated database of the other kind, in `dir`. */
async function foreignBackup(dir: string) {
  if (onPostgres) {
    const source = path.join(dir, "other.db");
    await migrateDatabase(`file:${source}`);
    return { ...(await createBackup({ source, dir, keep: 1 })), manifest: undefined };
  }
  return withTempDatabase(postgresAdminUrl(), "mp_test_foreign", async (url) => {
    await migrateDatabase(url);
    return createPostgresBackup({ url, dir, keep: 1 });
  });
}

const backupsDir = () => path.join(t.dir, "backups");
const listing = () => (existsSync(backupsDir()) ? readdirSync(backupsDir()).sort() : []);

beforeAll(async () => {
  await syncCourse();
  student = (await createActiveUser()).user;
  await saveNote(student, { phaseNumber: 1, baseVersion: 0, text: NOTE });
  s3 = await startLocalS3("engines");
  scratch = mkdtempSync(path.join(tmpdir(), "miniportal-foreign-"));
  const backup = await foreignBackup(scratch);
  // Named like a backup of this pass's kind: only the content tells them apart.
  foreignFile = backup.file.replace(/\.(db|dump)$/, onPostgres ? ".dump" : ".db");
  renameSync(backup.file, foreignFile);
  const uploaded = await uploadBackup({ ...backup, file: foreignFile, settings: s3.settings() });
  foreignUrl = uploaded.url;
}, 120_000);

afterAll(async () => {
  await s3?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("a backup of the other database kind", () => {
  it("is uploaded with its own kind in the metadata, whatever its name", async () => {
    expect(foreignUrl).toMatch(onPostgres ? /\.dump\.enc$/ : /\.db\.enc$/);
    const [entry] = await listOffsite(s3.settings());
    expect(entry?.url).toBe(foreignUrl);
    expect(entry?.metadata.engine).toBe(onPostgres ? "sqlite" : "postgresql");
  });

  it("npm run restore -- s3://… refuses it before decrypting, and nothing changes", async () => {
    const before = listing();
    const run = await runCli("restore", [foreignUrl, "--yes"], { ...s3.env, PORT: String(await freePort()) });
    expect(run.status, run.out).toBe(1);
    expect(run.out).toContain(
      `${foreignUrl} is ${FOREIGN}, but DATABASE_URL points at ${HERE}: a backup restores only into the kind of database it was taken from.`,
    );
    expect(run.out).not.toContain("✓ decrypted");
    expect(listing()).toEqual(before); // no download or decrypted copy left behind
    expect(await readNote(student, 1)).toMatchObject({ state: "ok", text: NOTE });
  });

  it("npm run restore -- <local file> refuses it the same way", async () => {
    const run = await runCli("restore", [foreignFile, "--yes"], { PORT: String(await freePort()) });
    expect(run.status, run.out).toBe(1);
    expect(run.out).toContain(`${foreignFile} is ${FOREIGN}, but DATABASE_URL points at ${HERE}`);
    expect(run.out).toMatch(onPostgres ? /npm run db:copy -- --to postgresql:/ : /DATABASE_URL=postgresql:/);
    expect(await readNote(student, 1)).toMatchObject({ state: "ok", text: NOTE });
  });
});
