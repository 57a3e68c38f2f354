// Off-site backups against a real S3 implementation (s3rver) on loopback, on both
// databases (SQLite files; pg_dump archives with their manifest on PostgreSQL):
// `npm run backup -- --offsite` encrypts and uploads (multipart, with progress),
// --list-offsite lists, retention prunes by count and age, `npm run restore --
// s3://…` restores into a new database and every note decrypts; a tampered or
// wrongly keyed object is refused; an unreachable endpoint is reported with the
// local backup kept. (A backup of the other database kind: backup-offsite-engines.)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { createBackup } from "@/lib/backup/create-backup";
import { listOffsite, fetchOffsite, uploadBackup } from "@/lib/backup/offsite/offsite";
import { s3Client, uploadFile } from "@/lib/backup/offsite/s3";
import { createPostgresBackup } from "@/lib/backup/postgres";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { redactedUrl, withDatabaseName } from "@/lib/db/provider";
import { dropDatabase, uniqueDatabaseName } from "@/lib/db/temp-database";
import { postgresAdminUrl, type OffsiteSettings } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { BUCKET, type LocalS3, runCli, startLocalS3 } from "../helpers/local-s3";
import { onPostgres } from "../helpers/test-database-mode";
import { useTestDb } from "../helpers/test-db";
import { freePort } from "../ops/prometheus-local";

const PREFIX = "nightly/portal";
// What a local backup is on this pass: a SQLite file, or a pg_dump archive (with <file>.json).
const ENGINE = onPostgres ? "postgresql" : "sqlite";
const EXT = onPostgres ? "dump" : "db";
const VERIFIED = onPostgres ? /✓ verified: pg_restore lists every table/ : /✓ verified: integrity_check ok/;

const t = useTestDb();
let s3: LocalS3;
const students: SessionUser[] = [];
const noteTexts = new Map<string, string>();

const cli = (script: string, args: string[], extraEnv: Record<string, string> = {}) =>
  runCli(script, args, { ...s3.env, ...extraEnv });
const settings = (overrides: Partial<OffsiteSettings> = {}) => s3.settings(overrides);

/** A verified local backup of the test database as of `now`, as `npm run backup` makes it. */
async function localBackup(dir: string, now: Date) {
  if (t.provider === "postgresql") return createPostgresBackup({ url: t.url, dir, keep: 10, now });
  return { ...(await createBackup({ source: t.file, dir, keep: 10, now })), manifest: undefined };
}

/** The readable content of a local backup: the SQLite file, or the SQL pg_restore makes of the archive. */
function plainContent(file: string): Buffer {
  if (!onPostgres) return readFileSync(file);
  const sql = spawnSync("pg_restore", ["--data-only", "--file=-", file], { maxBuffer: 64 * 1024 * 1024 });
  if (sql.status !== 0) throw new Error(sql.stderr.toString());
  return sql.stdout;
}

/** A new, empty target for a restore (as on a replacement server): a SQLite path or a PostgreSQL database. */
async function newTarget(dataDir: string): Promise<{ url: string; restored: string; drop: () => Promise<void> }> {
  if (!onPostgres) {
    const file = path.join(dataDir, "miniportal.db");
    return { url: `file:${file}`, restored: `✓ restored ${file}`, drop: async () => undefined };
  }
  const name = uniqueDatabaseName("mp_test_drill");
  const url = withDatabaseName(t.url, name);
  return {
    url,
    restored: `✓ restored ${redactedUrl(url)}; row counts match the backup's manifest`,
    drop: () => dropDatabase(postgresAdminUrl(), name),
  };
}

async function rawObject(key: string): Promise<Buffer> {
  const client = s3Client(settings());
  const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const bytes = Buffer.from(await object.Body!.transformToByteArray());
  client.destroy();
  return bytes;
}

beforeAll(async () => {
  await syncCourse();
  for (let i = 0; i < 3; i++) {
    const s = (await createActiveUser()).user;
    students.push(s);
    for (const phase of [1, 2]) {
      const text = `Secret reflection ${i}/${phase} of ${s.name}: ünïcödé ✓ ${"z".repeat(3000)}`;
      const saved = await saveNote(s, { phaseNumber: phase, baseVersion: 0, text });
      if (saved.kind !== "saved") throw new Error(saved.kind);
      noteTexts.set(`${s.id}/${phase}`, text);
    }
  }
  s3 = await startLocalS3(PREFIX);
}, 120_000);

afterAll(async () => {
  await s3?.close();
});

describe("npm run backup -- --offsite", () => {
  let url = "";
  let localFile = "";

  it("uploads an encrypted copy with metadata and prints its s3:// key", async () => {
    const run = await cli("backup", ["--offsite"]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/uploaded 100% of \d+ KiB/);
    url = run.out.trim().split("\n").at(-1)!;
    expect(url).toMatch(
      new RegExp(`^s3://${BUCKET}/${PREFIX}/miniportal-\\d{4}-\\d{2}-\\d{2}T[\\d-]+\\.\\d{3}Z\\.${EXT}\\.enc$`),
    );
    localFile = run.out.split("\n").find((l) => l.endsWith(`.${EXT}`) && l.startsWith("/"))!;
    expect(existsSync(localFile)).toBe(true);

    const key = url.slice(`s3://${BUCKET}/`.length);
    const client = s3Client(settings());
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    client.destroy();
    expect(head.Metadata).toMatchObject({ format: "miniportal-backup-v1", engine: ENGINE, "app-version": "0.1.0" });
    expect(head.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(head.Metadata?.["last-migration"]).toMatch(/^\d+_/);
    expect(head.Metadata?.["row-counts"]).toContain("Note=6");
    expect(new Date(head.Metadata?.["created-at"] ?? "").getTime()).toBeGreaterThan(Date.now() - 60_000);

    // The local backup has the emails and the schema in clear; what left the machine does not.
    const email = Buffer.from(students[0]!.email);
    expect(plainContent(localFile).includes(email)).toBe(true);
    expect(readFileSync(localFile).includes(Buffer.from("CREATE TABLE"))).toBe(true);
    const remote = await rawObject(key);
    expect(remote.includes(email)).toBe(false);
    expect(remote.includes(Buffer.from("CREATE TABLE"))).toBe(false);
    expect(remote.includes(Buffer.from("PGDMP"))).toBe(false);
  });

  it("--list-offsite lists it with its metadata", async () => {
    const run = await cli("backup", ["--list-offsite"]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain(url);
    expect(run.out).toMatch(new RegExp(`KiB +${ENGINE} +v0\\.1\\.0 +\\d+ rows +migration \\d+_`));
  });

  it("restores from s3:// into a fresh data dir and database, and every note decrypts", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "miniportal-drill-"));
    const target = await newTarget(dataDir);
    // As on a replacement server: no bucket configured, the URL names it; the key is from the password manager.
    const run = await cli("restore", [url, "--yes"], {
      MINIPORTAL_BACKUP_S3_URL: "",
      MINIPORTAL_DATA_DIR: dataDir,
      DATABASE_URL: target.url,
      PORT: String(await freePort()),
    });
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/✓ decrypted, sha256 [0-9a-f]{16}… matches/);
    expect(run.out).toContain(target.restored);
    // The decrypted backup is a local backup again: the same bytes, and on PostgreSQL the same manifest.
    const downloaded = path.join(dataDir, "backups", path.basename(localFile));
    expect(readFileSync(downloaded).equals(readFileSync(localFile))).toBe(true);
    if (onPostgres) expect(readFileSync(`${downloaded}.json`, "utf8")).toBe(readFileSync(`${localFile}.json`, "utf8"));
    // Decrypted student data on disk: private, in a private directory.
    const modeOf = (f: string) => statSync(f).mode & 0o777;
    expect(modeOf(downloaded)).toBe(0o600);
    expect(modeOf(path.dirname(downloaded))).toBe(0o700);
    if (onPostgres) expect(modeOf(`${downloaded}.json`)).toBe(0o600);

    const restored = createDb(target.url);
    const g = globalThis as unknown as { miniportalDb?: Db };
    g.miniportalDb = restored;
    try {
      const rows = await restored.note.findMany({ include: { phase: true } });
      expect(rows).toHaveLength(noteTexts.size);
      for (const row of rows) {
        const user = students.find((s) => s.id === row.userId)!;
        const view = await readNote(user, row.phase.number);
        expect(view?.state, `note ${row.id}`).toBe("ok");
        if (view?.state === "ok") expect(view.text).toBe(noteTexts.get(`${user.id}/${row.phase.number}`));
      }
    } finally {
      await restored.$disconnect();
      g.miniportalDb = t.db;
      await target.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a tampered object and a wrong key, leaving no decrypted file behind", async () => {
    const key = url.slice(`s3://${BUCKET}/`.length);
    const original = await rawObject(key);
    const dir = mkdtempSync(path.join(tmpdir(), "miniportal-fetch-"));
    const client = s3Client(settings());
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    try {
      const wrongKey = settings({ key: randomBytes(32) });
      await expect(fetchOffsite(url, wrongKey, dir)).rejects.toThrow(/encrypted with another key/);

      const tampered = Buffer.from(original);
      const at = tampered.length - 5000;
      tampered[at] = tampered[at]! ^ 0x01;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: tampered, Metadata: head.Metadata }));
      await expect(fetchOffsite(url, settings(), dir)).rejects.toThrow(
        /failed authentication at chunk \d+ of \d+: it was altered/,
      );

      // The CLI refuses too, before asking anything, and changes nothing.
      const run = await cli("restore", [url, "--yes"], { PORT: String(await freePort()) });
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/altered or truncated/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: original, Metadata: head.Metadata }));
      client.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
    // Put back intact, it decrypts again: the refusal was about the bytes, not the setup.
    const again = mkdtempSync(path.join(tmpdir(), "miniportal-fetch-"));
    const fetched = await fetchOffsite(url, settings(), again);
    expect(existsSync(fetched.file)).toBe(true);
    rmSync(again, { recursive: true, force: true });
  });
});

describe("retention and multipart", () => {
  it("prunes remote copies beyond the newest N and older than the maximum age", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "miniportal-retention-"));
    const s = settings({ prefix: "retention", keep: 3, maxAgeDays: 30 });
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    const written: string[] = [];
    const prunedPerUpload: string[][] = [];
    for (const ageDays of [60, 20, 3, 2, 1, 0]) {
      const backup = await localBackup(dir, new Date(now.getTime() - ageDays * day));
      const r = await uploadBackup({
        file: backup.file,
        counts: backup.counts,
        migrations: backup.migrations,
        manifest: backup.manifest,
        settings: s,
        now,
      });
      written.push(r.url);
      prunedPerUpload.push(r.pruned);
    }
    const [d60, d20, d3] = written;
    // Age: the 60-day-old copy goes as soon as another exists, though only 2 of 3 slots are used.
    // Count: then the oldest beyond the newest 3 go, one per upload.
    expect(prunedPerUpload).toEqual([[], [d60], [], [], [d20], [d3]]);
    expect((await listOffsite(s)).map((e) => e.url)).toEqual(written.slice(-3).reverse());
    expect(written.every((u) => u.endsWith(`.${EXT}.enc`))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it("uploads a large file in parts, reporting progress", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "miniportal-multipart-"));
    const file = path.join(dir, "big.bin");
    writeFileSync(file, randomBytes(20 * 1024 * 1024));
    const s = settings();
    const client = s3Client(s);
    const progress: number[] = [];
    await uploadFile({
      client,
      bucket: BUCKET,
      key: "multipart/big.bin",
      file,
      metadata: {},
      onProgress: (p) => progress.push(p.loaded),
    });
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "multipart/big.bin" }));
    client.destroy();
    rmSync(dir, { recursive: true, force: true });
    expect(head.ContentLength).toBe(20 * 1024 * 1024);
    // lib-storage reports once per finished part (a single PUT reports once): 20 MiB = 3 parts of 8 MiB.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(20 * 1024 * 1024);
  }, 60_000);
});

describe("failures", () => {
  it("an unreachable endpoint is reported clearly, quickly, and the local backup is kept", async () => {
    const closed = await freePort();
    const run = await cli("backup", ["--offsite"], { MINIPORTAL_BACKUP_S3_ENDPOINT: `http://127.0.0.1:${closed}` });
    expect(run.status).toBe(1);
    expect(run.out).toContain(`cannot reach http://127.0.0.1:${closed} (ECONNREFUSED)`);
    const kept = new RegExp(`The local backup is kept: (.+\\.${EXT})$`, "m").exec(run.out)?.[1];
    expect(kept, run.out).toBeDefined();
    expect(existsSync(kept!)).toBe(true);
    if (onPostgres) expect(existsSync(`${kept}.json`)).toBe(true);
    expect(run.out).toMatch(VERIFIED);
  });

  it("MINIPORTAL_BACKUP_OFFSITE=1 without a bucket or key fails before backing up, naming the variables", async () => {
    const dir = path.join(t.dir, "no-config-backups");
    mkdirSync(dir);
    const run = await cli("backup", ["--dir", dir], {
      MINIPORTAL_BACKUP_OFFSITE: "1",
      MINIPORTAL_BACKUP_S3_URL: "",
      MINIPORTAL_BACKUP_KEY: "",
    });
    expect(run.status).toBe(1);
    expect(run.out).toContain("MINIPORTAL_BACKUP_S3_URL is not set");
    expect(run.out).toContain("MINIPORTAL_BACKUP_KEY is not set");
    expect(readdirSync(dir)).toEqual([]);
  });
});
