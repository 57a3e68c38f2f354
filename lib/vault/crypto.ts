// The cryptographic primitives of the vault, free of any database code:
// AES-256-GCM with a fresh random 96-bit IV per call, AAD construction, and the
// scrypt key-encryption-key derivation. The 16-byte GCM tag is appended to the ciphertext.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";

export const IV_BYTES = 12;
export const KEY_BYTES = 32;
const TAG_BYTES = 16;

/** Current ciphertext format: AES-256-GCM, tag appended, AAD from aadFor(). */
export const FORMAT_V1 = 1;

export type KdfParams = { N: number; r: number; p: number };
/** 32 MiB of memory and roughly 100 ms on a small machine; paid once per process. */
export const DEFAULT_KDF_PARAMS: KdfParams = { N: 2 ** 15, r: 8, p: 1 };

export function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { ciphertext: Buffer; iv: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext, iv };
}

/** Throws on a wrong key, a wrong AAD or any altered byte (GCM authentication). */
export function decrypt(key: Buffer, ciphertext: Buffer, iv: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || ciphertext.length < TAG_BYTES) throw new Error("malformed ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
  return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
}

export type AadParts = { ownerId: string; table: string; rowId: string; keyId: string; format: number };

/** JSON array encoding, so no choice of ids can make two bindings collide. */
export function aadFor(parts: AadParts): Buffer {
  return Buffer.from(
    JSON.stringify(["miniportal/vault", parts.format, parts.table, parts.ownerId, parts.rowId, parts.keyId]),
    "utf8",
  );
}

export const wrapAad = (keyId: string) => Buffer.from(JSON.stringify(["miniportal/vault-key", keyId]), "utf8");
export const CHECK_AAD = Buffer.from("miniportal/vault-check", "utf8");
export const CHECK_PLAINTEXT = Buffer.from("miniportal vault check v1", "utf8");

export function deriveKek(pass: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 128 * params.N * params.r * params.p + 16 * 1024 * 1024;
    scrypt(pass.normalize("NFC"), salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export function parseKdfParams(text: string): KdfParams {
  const value = JSON.parse(text) as Partial<KdfParams>;
  const ok = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n > 0;
  if (!ok(value.N) || !ok(value.r) || !ok(value.p))
    throw new Error("VaultConfig.params is not valid scrypt parameters");
  return { N: value.N, r: value.r, p: value.p };
}
