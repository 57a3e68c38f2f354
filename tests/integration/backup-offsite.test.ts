// Off-site backups against a real S3 implementation (s3rver) on loopback:
// `npm run backup -- --offsite` encrypts and uploads (multipart, with progress),
// --list-offsite lists, retention prunes by count and age, `npm run restore --
// s3://…` restores and every note decrypts; a tampered or wrongly keyed object
// is refused; an unreachable endpoint is reported with the local backup kept.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { createBackup } from "@/lib/backup/create-backup";
import { listOffsite, fetchOffsite, uploadBackup } from "@/lib/backup/offsite/offsite";
import { s3Client, uploadFile } from "@/lib/backup/offsite/s3";
import { syncCourse } from "@/lib/content/sync";
import { createDb, type Db } from "@/lib/db/client";
import { env, offsiteSettings, resetEnvCache, type OffsiteSettings } from "@/lib/env";
import { readNote, saveNote } from "@/lib/journal/notes";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";
import { freePort } from "../ops/prometheus-local";

const BUCKET = "miniportal-backups";
const PREFIX = "nightly/portal";
const KEY = randomBytes(32).toString("base64");
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

const t = useTestDb();
let s3: S3rver;
let s3Dir: string;
let endpoint: string;
let offsiteEnv: Record<string, string>;
const students: SessionUser[] = [];
const noteTexts = new Map<string, string>();

/** Runs a script's entry point (no TTY, as under a timer). Async: s3rver answers from this process. */
function cli(
  script: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, `scripts/${script}.ts`, ...args], {
      env: { ...process.env, ...offsiteEnv, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (status) => resolve({ status, out }));
  });
}

function settings(overrides: Partial<OffsiteSettings> = {}): OffsiteSettings {
  Object.assign(process.env, offsiteEnv);
  resetEnvCache();
  return { ...offsiteSettings(env()), ...overrides };
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
  s3Dir = mkdtempSync(path.join(tmpdir(), "miniportal-s3rver-"));
  const port = await freePort();
  s3 = new S3rver({ address: "127.0.0.1", port, silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
  await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  offsiteEnv = {
    MINIPORTAL_BACKUP_S3_URL: `s3://${BUCKET}/${PREFIX}`,
    MINIPORTAL_BACKUP_S3_ENDPOINT: endpoint,
    MINIPORTAL_BACKUP_KEY: KEY,
    AWS_ACCESS_KEY_ID: "S3RVER", // s3rver's fixed credentials; it checks the signature
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
  };
}, 120_000);

afterAll(async () => {
  await s3?.close();
  rmSync(s3Dir, { recursive: true, force: true });
});

describe("npm run backup -- --offsite", () => {
  let url = "";

  it("uploads an encrypted copy with metadata and prints its s3:// key", async () => {
    const run = await cli("backup", ["--offsite"]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/uploaded 100% of \d+ KiB/);
    url = run.out.trim().split("\n").at(-1)!;
    expect(url).toMatch(
      new RegExp(`^s3://${BUCKET}/${PREFIX}/miniportal-\\d{4}-\\d{2}-\\d{2}T[\\d-]+\\.\\d{3}Z\\.db\\.enc$`),
    );
    const localFile = run.out.split("\n").find((l) => l.endsWith(".db") && l.startsWith("/"))!;
    expect(existsSync(localFile)).toBe(true);

    const key = url.slice(`s3://${BUCKET}/`.length);
    const client = s3Client(settings());
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    client.destroy();
    expect(head.Metadata).toMatchObject({ format: "miniportal-backup-v1", "app-version": "0.1.0" });
    expect(head.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(head.Metadata?.["last-migration"]).toMatch(/^\d+_/);
    expect(head.Metadata?.["row-counts"]).toContain("Note=6");
    expect(new Date(head.Metadata?.["created-at"] ?? "").getTime()).toBeGreaterThan(Date.now() - 60_000);

    // The local file has the emails in clear; what left the machine does not.
    const { readFileSync } = await import("node:fs");
    const email = Buffer.from(students[0]!.email);
    expect(readFileSync(localFile).includes(email)).toBe(true);
    const remote = await rawObject(key);
    expect(remote.includes(email)).toBe(false);
    expect(remote.includes(Buffer.from("CREATE TABLE"))).toBe(false);
  });

  it("--list-offsite lists it with its metadata", async () => {
    const run = await cli("backup", ["--list-offsite"]);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain(url);
    expect(run.out).toMatch(/v0\.1\.0 +\d+ rows +migration \d+_/);
  });

  it("restores from s3:// into a fresh data dir, and every note decrypts", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "miniportal-drill-"));
    const target = path.join(dataDir, "miniportal.db");
    // As on a replacement server: no bucket configured, the URL names it; the key is from the password manager.
    const run = await cli("restore", [url, "--yes"], {
      MINIPORTAL_BACKUP_S3_URL: "",
      MINIPORTAL_DATA_DIR: dataDir,
      DATABASE_URL: `file:${target}`,
      PORT: String(await freePort()),
    });
    expect(run.status, run.out).toBe(0);
    expect(run.out).toMatch(/✓ decrypted, sha256 [0-9a-f]{16}… matches/);
    expect(run.out).toContain(`✓ restored ${target}`);

    const restored = createDb(`file:${target}`);
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
      const at = new Date(now.getTime() - ageDays * day);
      const backup = await createBackup({ source: t.file, dir, keep: 10, now: at });
      const r = await uploadBackup({
        file: backup.file,
        counts: backup.counts,
        migrations: backup.migrations,
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
    const kept = /The local backup is kept: (.+\.db)$/m.exec(run.out)?.[1];
    expect(kept, run.out).toBeDefined();
    expect(existsSync(kept!)).toBe(true);
    expect(run.out).toMatch(/✓ verified: integrity_check ok/);
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
