// Client-side encryption of a backup before it leaves the machine. A backup holds
// emails, password hashes and the audit log in clear, so the storage provider
// (and anyone holding the bucket credentials) must only ever see ciphertext.
//
// Format "miniportal-backup-v1", one file:
//   "MPBACKUP1\n" | u32 BE header length | header JSON | 32-byte salt | chunks
// Each chunk is AES-256-GCM over up to CHUNK_SIZE plaintext bytes, followed by its
// 16-byte tag. The key is HKDF(operator key, salt), fresh per object, so the chunk
// index can serve as the nonce. Every chunk authenticates the header (metadata
// cannot be edited), its index (no reordering) and whether it is the last one
// (no truncation). Chunks keep memory flat whatever the database size.
// The plaintext is a SQLite backup or a pg_dump archive; the header says which
// (`engine`) and, for pg_dump, carries its manifest, so one object is the whole backup.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { closeSync, createReadStream, fstatSync, openSync, readSync, writeSync } from "node:fs";
import type { Provider } from "../../db/provider";
import type { PostgresManifest } from "../postgres";
import { BackupError } from "../target";

export const FORMAT = "miniportal-backup-v1";
const MAGIC = Buffer.from("MPBACKUP1\n");
const SALT_BYTES = 32;
const TAG_BYTES = 16;
export const CHUNK_SIZE = 1024 * 1024;

export type BackupMetadata = {
  format: typeof FORMAT;
  /** Which operator key encrypted it (not the key): tells "wrong key" apart from "altered". */
  keyId: string;
  /** Which database the plaintext was taken from: it restores only into the same kind. */
  engine: Provider;
  /** PostgreSQL: the archive's manifest (<file>.json), written back next to it on download. */
  manifest?: PostgresManifest;
  createdAt: string;
  appVersion: string;
  gitCommit: string | null;
  lastMigration: string | null;
  counts: Record<string, number>;
  /** SHA-256 of the plaintext backup file. */
  sha256: string;
  bytes: number;
};

export class BackupDecryptError extends BackupError {}

export function keyId(key: Buffer): string {
  return createHmac("sha256", key).update("miniportal-backup-key-id").digest("hex").slice(0, 16);
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function objectKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", key, salt, FORMAT, 32));
}

function nonce(index: number): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeBigUInt64BE(BigInt(index), 4);
  return iv;
}

function aad(headerDigest: Buffer, index: number, last: boolean): Buffer {
  const tail = Buffer.alloc(9);
  tail.writeBigUInt64BE(BigInt(index));
  tail[8] = last ? 1 : 0;
  return Buffer.concat([headerDigest, tail]);
}

/** Encrypts `source` into `target` (created, 0600). */
export function encryptFile(
  source: string,
  target: string,
  key: Buffer,
  metadata: Omit<BackupMetadata, "format" | "keyId">,
): BackupMetadata {
  const meta: BackupMetadata = { format: FORMAT, keyId: keyId(key), ...metadata };
  const headerJson = Buffer.from(JSON.stringify(meta));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerJson.length);
  const salt = randomBytes(SALT_BYTES);
  const header = Buffer.concat([MAGIC, length, headerJson, salt]);
  const digest = createHash("sha256").update(header).digest();
  const dataKey = objectKey(key, salt);

  const input = openSync(source, "r");
  const output = openSync(target, "w", 0o600);
  try {
    const total = fstatSync(input).size;
    writeSync(output, header);
    const buffer = Buffer.alloc(CHUNK_SIZE);
    let offset = 0;
    // At least one chunk, even for an empty file, so the "last" flag always exists.
    for (let index = 0; ; index++) {
      const n = readSync(input, buffer, 0, CHUNK_SIZE, offset);
      offset += n;
      const last = offset >= total;
      const cipher = createCipheriv("aes-256-gcm", dataKey, nonce(index));
      cipher.setAAD(aad(digest, index, last));
      writeSync(output, Buffer.concat([cipher.update(buffer.subarray(0, n)), cipher.final(), cipher.getAuthTag()]));
      if (last) break;
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  return meta;
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  const n = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, n);
}

/** The metadata of an encrypted file, without decrypting it (the header is authenticated on decrypt). */
export function readHeader(file: string): { meta: BackupMetadata; headerBytes: number; salt: Buffer; digest: Buffer } {
  const fd = openSync(file, "r");
  try {
    const start = readExactly(fd, MAGIC.length + 4, 0);
    if (start.length < MAGIC.length + 4 || !start.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupDecryptError(`${file} is not an encrypted Miniportal backup (${FORMAT}).`);
    }
    const jsonLength = start.readUInt32BE(MAGIC.length);
    if (jsonLength > 64 * 1024) throw new BackupDecryptError(`${file} has a damaged header.`);
    const json = readExactly(fd, jsonLength, MAGIC.length + 4);
    const salt = readExactly(fd, SALT_BYTES, MAGIC.length + 4 + jsonLength);
    let meta: BackupMetadata;
    try {
      meta = JSON.parse(json.toString("utf8")) as BackupMetadata;
    } catch {
      throw new BackupDecryptError(`${file} has a damaged header.`);
    }
    if (meta.format !== FORMAT || salt.length !== SALT_BYTES)
      throw new BackupDecryptError(`${file} has a damaged header.`);
    // Objects written before PostgreSQL support name no engine: they are all SQLite.
    meta.engine ??= "sqlite";
    const headerBytes = MAGIC.length + 4 + jsonLength + SALT_BYTES;
    const digest = createHash("sha256")
      .update(Buffer.concat([start, json, salt]))
      .digest();
    return { meta, headerBytes, salt, digest };
  } finally {
    closeSync(fd);
  }
}

/**
 * Decrypts `source` into `target` and checks the plaintext's SHA-256 against the
 * authenticated header. Throws BackupDecryptError on a wrong key or any alteration;
 * `target` may then hold a partial file, which the caller removes.
 */
export async function decryptFile(source: string, target: string, key: Buffer): Promise<BackupMetadata> {
  const { meta, headerBytes, salt, digest } = readHeader(source);
  if (meta.keyId !== keyId(key)) {
    throw new BackupDecryptError(
      `This backup was encrypted with another key (key id ${meta.keyId}; MINIPORTAL_BACKUP_KEY has id ${keyId(key)}). ` +
        "Set MINIPORTAL_BACKUP_KEY to the key that was in use when it was made.",
    );
  }
  const dataKey = objectKey(key, salt);
  const input = openSync(source, "r");
  const output = openSync(target, "w", 0o600);
  try {
    const body = fstatSync(input).size - headerBytes;
    const stored = CHUNK_SIZE + TAG_BYTES;
    const chunks = Math.max(1, Math.ceil(body / stored));
    for (let index = 0; index < chunks; index++) {
      const last = index === chunks - 1;
      const sealed = readExactly(input, last ? body - index * stored : stored, headerBytes + index * stored);
      if (sealed.length < TAG_BYTES) throw new BackupDecryptError(`${source} is truncated.`);
      const decipher = createDecipheriv("aes-256-gcm", dataKey, nonce(index));
      decipher.setAAD(aad(digest, index, last));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      try {
        writeSync(
          output,
          Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]),
        );
      } catch {
        throw new BackupDecryptError(
          `${source} failed authentication at chunk ${index + 1} of ${chunks}: it was altered or truncated after it was written. Use another copy.`,
        );
      }
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  const actual = await sha256File(target);
  if (actual !== meta.sha256)
    throw new BackupDecryptError(`Decrypted backup has SHA-256 ${actual}, but it was made with ${meta.sha256}.`);
  return meta;
}
