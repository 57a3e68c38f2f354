// Off-site copies of verified local backups: encrypt, upload with metadata, prune
// by count and age; list; fetch one back and decrypt it for `npm run restore`.
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { OffsiteSettings } from "../../env";
import { APP_VERSION, gitCommit } from "../../release";
import type { RowCounts } from "../inspect";
import { BACKUP_NAME } from "../retention";
import { type BackupMetadata, decryptFile, encryptFile, FORMAT, sha256File } from "./crypto";
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
  const stamp = name.replace(/^miniportal-/, "").replace(/\.db(\.enc)?$/, "");
  return new Date(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})/, "T$1:$2:$3"));
}

/** Flat, ASCII S3 metadata (2 KB limit in total): enough to choose a backup without downloading it. */
export function s3Metadata(meta: BackupMetadata): Record<string, string> {
  return {
    format: meta.format,
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

/** Encrypts a verified local backup, uploads it, then applies remote retention. */
export async function uploadBackup(options: {
  file: string;
  counts: RowCounts;
  migrations: string[];
  settings: OffsiteSettings;
  now?: Date;
  onProgress?: (p: UploadProgress) => void;
}): Promise<OffsiteUploadResult> {
  const { settings } = options;
  const name = `${path.basename(options.file)}${ENCRYPTED_SUFFIX}`;
  const key = keyFor(settings, name);
  const encrypted = `${options.file}${ENCRYPTED_SUFFIX}.partial`;
  const client = s3Client(settings);
  try {
    const sha256 = await sha256File(options.file);
    const meta = encryptFile(options.file, encrypted, settings.key, {
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
 * checks its SHA-256; returns the decrypted file (a regular local backup).
 */
export async function fetchOffsite(
  url: string,
  settings: OffsiteSettings,
  dir: string,
): Promise<{ file: string; meta: BackupMetadata }> {
  const { bucket, key } = parseS3Url(url);
  const base = path.posix.basename(key);
  const plainName = base.endsWith(ENCRYPTED_SUFFIX) ? base.slice(0, -ENCRYPTED_SUFFIX.length) : `${base}.db`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const encrypted = path.join(dir, `.download-${base}`);
  const partial = path.join(dir, `${plainName}.partial`);
  const file = path.join(dir, plainName);
  const client = s3Client({ ...settings, bucket });
  try {
    let remote: Record<string, string>;
    try {
      remote = await downloadFile(client, bucket, key, encrypted);
    } catch (error) {
      throw new OffsiteError(`Downloading ${url} failed: ${describeS3Error(error, { ...settings, bucket })}`);
    }
    const meta = await decryptFile(encrypted, partial, settings.key);
    // The header is authenticated; S3 metadata is not. Disagreement means someone edited it.
    if (remote.sha256 && remote.sha256 !== meta.sha256) {
      throw new OffsiteError(
        `${url}: S3 metadata says sha256 ${remote.sha256}, the authenticated backup says ${meta.sha256}. Refusing an altered object.`,
      );
    }
    if (meta.format !== FORMAT) throw new OffsiteError(`${url} has format ${String(meta.format)}, expected ${FORMAT}.`);
    renameSync(partial, file);
    return { file, meta };
  } finally {
    rmSync(encrypted, { force: true });
    rmSync(partial, { force: true });
    client.destroy();
  }
}
