// Off-site copies of verified local backups (SQLite files, or pg_dump archives with
// their manifest): encrypt, upload with metadata, prune by count and age; list;
// fetch one back and decrypt it for `npm run restore`.
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Provider } from "../../db/provider";
import type { OffsiteSettings } from "../../env";
import { APP_VERSION, gitCommit } from "../../release";
import type { RowCounts } from "../inspect";
import type { PostgresManifest } from "../postgres";
import { BACKUP_NAME } from "../retention";
import { assertSameEngine, backupEngineOf, BackupError, makePrivateDir } from "../target";
import { type BackupMetadata, decryptFile, encryptFile, FORMAT, readHeader, sha256File } from "./crypto";
import {
  deleteObject,
  describeS3Error,
  downloadFile,
  headMetadata,
  listObjects,
  OffsiteError,
  parseS3Url,
  s3Client,
  s3Url,
  uploadFile,
  type UploadProgress,
} from "./s3";

const ENCRYPTED_SUFFIX = ".enc";
const EXTENSION: Record<Provider, string> = { sqlite: ".db", postgresql: ".dump" };
const DAY_MS = 24 * 60 * 60 * 1000;

export type OffsiteEntry = {
  key: string;
  url: string;
  size: number;
  createdAt: Date;
  /** Values the object carries as S3 metadata (x-amz-meta-*). */
  metadata: Record<string, string>;
};

function keyFor(settings: OffsiteSettings, name: string): string {
  return settings.prefix ? `${settings.prefix}/${name}` : name;
}

/** 2026-01-31T12-00-00.000Z in a backup name → Date. */
function createdAtOf(name: string): Date {
  const stamp = name.replace(/^miniportal-/, "").replace(/\.(db|dump)(\.enc)?$/, "");
  return new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})/, "T$1:$2:$3"));
}

/** Flat, ASCII S3 metadata (2 KB limit in total): enough to choose a backup without downloading it. */
export function s3Metadata(meta: BackupMetadata): Record<string, string> {
  return {
    format: meta.format,
    engine: meta.engine,
    "key-id": meta.keyId,
    "created-at": meta.createdAt,
    "app-version": meta.appVersion,
    "git-commit": meta.gitCommit ?? "unknown",
    "last-migration": meta.lastMigration ?? "none",
    "row-counts": Object.entries(meta.counts)
      .map(([t, n]) => `${t}=${n}`)
      .join(","),
    sha256: meta.sha256,
  };
}

/**
 * Which remote backups retention removes: all beyond the newest `keep`, and any
 * older than `maxAgeDays`, except `justWritten` (never delete the copy just made,
 * even with a wrong clock). `entries` must be newest first.
 */
export function selectForPruning(
  entries: OffsiteEntry[],
  rule: { keep: number; maxAgeDays: number; now: Date; justWritten?: string },
): OffsiteEntry[] {
  const oldest = rule.now.getTime() - rule.maxAgeDays * DAY_MS;
  const others = entries.filter((e) => e.key !== rule.justWritten);
  const room = rule.justWritten ? rule.keep - 1 : rule.keep;
  return others.filter((e, i) => i >= room || e.createdAt.getTime() < oldest);
}

export async function listOffsite(settings: OffsiteSettings): Promise<OffsiteEntry[]> {
  const client = s3Client(settings);
  try {
    const objects = await listObjects(client, settings.bucket, settings.prefix ? `${settings.prefix}/` : "");
    const ours = objects
      .filter((o) => o.key.slice(keyFor(settings, "").length).endsWith(ENCRYPTED_SUFFIX))
      .filter((o) => BACKUP_NAME.test(path.posix.basename(o.key).slice(0, -ENCRYPTED_SUFFIX.length)))
      .sort((a, b) => (a.key < b.key ? 1 : -1));
    return await Promise.all(
      ours.map(async (o) => ({
        key: o.key,
        url: s3Url(settings.bucket, o.key),
        size: o.size,
        createdAt: createdAtOf(path.posix.basename(o.key)),
        metadata: await headMetadata(client, settings.bucket, o.key),
      })),
    );
  } catch (error) {
    throw error instanceof OffsiteError
      ? error
      : new OffsiteError(`Listing off-site backups failed: ${describeS3Error(error, settings)}`);
  } finally {
    client.destroy();
  }
}

export type OffsiteUploadResult = { url: string; key: string; bytes: number; meta: BackupMetadata; pruned: string[] };

/**
 * Encrypts a verified local backup, uploads it, then applies remote retention.
 * A pg_dump archive needs its manifest: it travels inside the authenticated header.
 */
export async function uploadBackup(options: {
  file: string;
  counts: RowCounts;
  migrations: string[];
  manifest?: PostgresManifest;
  settings: OffsiteSettings;
  now?: Date;
  onProgress?: (p: UploadProgress) => void;
}): Promise<OffsiteUploadResult> {
  const { settings } = options;
  const engine = backupEngineOf(options.file);
  if (!engine) throw new BackupError(`${options.file} is neither a SQLite backup nor a pg_dump archive.`);
  if ((engine === "postgresql") !== Boolean(options.manifest)) {
    throw new BackupError(
      engine === "postgresql"
        ? `${options.file} is a pg_dump archive: its manifest must be uploaded with it.`
        : `${options.file} is a SQLite backup: a pg_dump manifest does not belong with it.`,
    );
  }
  const name = `${path.basename(options.file)}${ENCRYPTED_SUFFIX}`;
  const key = keyFor(settings, name);
  const encrypted = `${options.file}${ENCRYPTED_SUFFIX}.partial`;
  const client = s3Client(settings);
  try {
    const sha256 = await sha256File(options.file);
    const meta = encryptFile(options.file, encrypted, settings.key, {
      engine,
      ...(options.manifest ? { manifest: options.manifest } : {}),
      createdAt: createdAtOf(path.basename(options.file)).toISOString(),
      appVersion: APP_VERSION,
      gitCommit: gitCommit(),
      lastMigration: options.migrations.at(-1) ?? null,
      counts: options.counts,
      sha256,
      bytes: statSync(options.file).size,
    });
    const bytes = statSync(encrypted).size;
    try {
      await uploadFile({
        client,
        bucket: settings.bucket,
        key,
        file: encrypted,
        metadata: s3Metadata(meta),
        onProgress: options.onProgress,
      });
    } catch (error) {
      throw new OffsiteError(`Uploading ${s3Url(settings.bucket, key)} failed: ${describeS3Error(error, settings)}`);
    }
    const entries = await listOffsite(settings);
    const doomed = selectForPruning(entries, {
      keep: settings.keep,
      maxAgeDays: settings.maxAgeDays,
      now: options.now ?? new Date(),
      justWritten: key,
    });
    for (const entry of doomed) {
      try {
        await deleteObject(client, settings.bucket, entry.key);
      } catch (error) {
        throw new OffsiteError(
          `Uploaded ${s3Url(settings.bucket, key)}, but pruning ${entry.url} failed: ${describeS3Error(error, settings)}`,
        );
      }
    }
    return { url: s3Url(settings.bucket, key), key, bytes, meta, pruned: doomed.map((e) => e.url) };
  } finally {
    rmSync(encrypted, { force: true });
    client.destroy();
  }
}

/**
 * Downloads s3://bucket/key into `dir`, decrypts it with the operator key and
 * checks its SHA-256; returns the decrypted file: a regular local backup (a pg_dump
 * archive with its manifest written back beside it). With `engine`, a backup of the
 * other kind of database is refused before anything is decrypted.
 */
export async function fetchOffsite(
  url: string,
  settings: OffsiteSettings,
  dir: string,
  options: { engine?: Provider } = {},
): Promise<{ file: string; meta: BackupMetadata }> {
  const { bucket, key } = parseS3Url(url);
  const base = path.posix.basename(key);
  // The key is not authenticated: the local extension follows the header's engine.
  const stem = base.replace(/\.enc$/, "").replace(/\.(db|dump)$/, "");
  makePrivateDir(dir);
  const encrypted = path.join(dir, `.download-${base}`);
  const partial = path.join(dir, `${stem}.partial`);
  const client = s3Client({ ...settings, bucket });
  try {
    let remote: Record<string, string>;
    try {
      remote = await downloadFile(client, bucket, key, encrypted);
    } catch (error) {
      throw new OffsiteError(`Downloading ${url} failed: ${describeS3Error(error, { ...settings, bucket })}`);
    }
    // Read before decrypting; a forged header fails authentication in decryptFile anyway.
    if (options.engine) assertSameEngine(url, readHeader(encrypted).meta.engine, options.engine);
    const meta = await decryptFile(encrypted, partial, settings.key);
    // The header is authenticated; S3 metadata is not. Disagreement means someone edited it.
    for (const field of ["sha256", "engine"] as const) {
      if (remote[field] && remote[field] !== meta[field]) {
        throw new OffsiteError(
          `${url}: S3 metadata says ${field} ${remote[field]}, the authenticated backup says ${meta[field]}. Refusing an altered object.`,
        );
      }
    }
    if (meta.format !== FORMAT) throw new OffsiteError(`${url} has format ${String(meta.format)}, expected ${FORMAT}.`);
    const file = path.join(dir, `${stem}${EXTENSION[meta.engine]}`);
    if (meta.engine === "postgresql") {
      if (!meta.manifest) throw new OffsiteError(`${url} is a pg_dump archive without its manifest.`);
      writeFileSync(`${file}.json`, JSON.stringify(meta.manifest, null, 2) + "\n", { mode: 0o600 });
      chmodSync(`${file}.json`, 0o600); // the mode option applies only to a file it creates
    }
    renameSync(partial, file);
    return { file, meta };
  } finally {
    rmSync(encrypted, { force: true });
    rmSync(partial, { force: true });
    client.destroy();
  }
}
