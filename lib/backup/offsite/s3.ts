// The S3 side of off-site backups: one client built from lib/env.ts settings,
// multipart upload with progress, listing with metadata, download, delete.
// Works with AWS and S3-compatible services (MINIPORTAL_BACKUP_S3_ENDPOINT).
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { OffsiteSettings } from "../../env";
import { BackupError } from "../target";

export class OffsiteError extends BackupError {}

export type UploadProgress = { loaded: number; total: number };

/** Parts of 8 MiB, two in flight: bounded memory, and a failed part is retried alone. */
export const PART_SIZE = 8 * 1024 * 1024;

export function s3Client(settings: OffsiteSettings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    // Most S3-compatible services (MinIO, Garage, s3rver) address buckets by path.
    forcePathStyle: Boolean(settings.endpoint),
    credentials: settings.credentials,
    // Checksums only where S3 requires them: several S3-compatible services reject
    // the SDK's default aws-chunked CRC trailers. Integrity is end to end anyway
    // (AES-GCM per chunk, then SHA-256 of the decrypted file).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    // An unreachable endpoint must fail in seconds, not hang a nightly timer.
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
}

/** s3://bucket/key for messages and for `npm run restore`. */
export function s3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

export function parseS3Url(url: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!m?.[1] || !m[2]) throw new OffsiteError(`${url} is not an s3://bucket/key URL.`);
  return { bucket: m[1], key: m[2] };
}

/** What went wrong talking to S3, in words an operator can act on. */
export function describeS3Error(error: unknown, settings: OffsiteSettings): string {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const where = settings.endpoint ?? `AWS S3 (${settings.region})`;
  const code = e.code ?? e.name ?? "Error";
  if (
    ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "TimeoutError", "EHOSTUNREACH"].includes(code)
  ) {
    return `cannot reach ${where} (${code}). Check MINIPORTAL_BACKUP_S3_ENDPOINT and the network.`;
  }
  if (code === "NoSuchBucket")
    return `bucket ${settings.bucket} does not exist at ${where} (MINIPORTAL_BACKUP_S3_URL).`;
  if (
    ["InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden"].includes(code) ||
    e.$metadata?.httpStatusCode === 403
  ) {
    return `${where} refused the credentials (${code}). Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and the bucket policy.`;
  }
  return `${where}: ${code}: ${e.message ?? "request failed"}`;
}

export async function uploadFile(options: {
  client: S3Client;
  bucket: string;
  key: string;
  file: string;
  metadata: Record<string, string>;
  onProgress?: (p: UploadProgress) => void;
}): Promise<void> {
  const total = statSync(options.file).size;
  const upload = new Upload({
    client: options.client,
    params: {
      Bucket: options.bucket,
      Key: options.key,
      Body: createReadStream(options.file),
      ContentLength: total,
      ContentType: "application/octet-stream",
      Metadata: options.metadata,
    },
    partSize: PART_SIZE,
    queueSize: 2,
    // A failed multipart upload is aborted, so no invisible parts keep costing money.
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (p) => options.onProgress?.({ loaded: p.loaded ?? 0, total: p.total ?? total }));
  await upload.done();
}

export type RemoteObject = { key: string; lastModified: Date; size: number };

/** Every object under a prefix (all pages). */
export async function listObjects(client: S3Client, bucket: string, prefix: string): Promise<RemoteObject[]> {
  const out: RemoteObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key) out.push({ key: o.Key, lastModified: o.LastModified ?? new Date(0), size: o.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

export async function headMetadata(client: S3Client, bucket: string, key: string): Promise<Record<string, string>> {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return head.Metadata ?? {};
}

/** Downloads an object into a file; returns its S3 user metadata. */
export async function downloadFile(
  client: S3Client,
  bucket: string,
  key: string,
  file: string,
): Promise<Record<string, string>> {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!object.Body) throw new OffsiteError(`s3://${bucket}/${key} has no body.`);
  await pipeline(object.Body as Readable, createWriteStream(file, { mode: 0o600 }));
  return object.Metadata ?? {};
}

export async function deleteObject(client: S3Client, bucket: string, key: string): Promise<void> {
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}
