// The data keys of one database, unwrapped with the key-encryption key derived
// from the master pass and cached in memory per database client. First use
// initialises the vault (VaultConfig plus a first active data key).
import { randomBytes } from "node:crypto";
import "server-only";
import { db, type Db } from "../db/client";
import {
  CHECK_AAD,
  CHECK_PLAINTEXT,
  DEFAULT_KDF_PARAMS,
  KEY_BYTES,
  type KdfParams,
  decrypt,
  deriveKek,
  encrypt,
  parseKdfParams,
  wrapAad,
} from "./crypto";

/** The master pass does not open this database's vault. The message names no secret. */
export class VaultPassError extends Error {
  constructor() {
    super(
      "PORTAL_MASTER_PASS does not open the vault of this database: it was initialised with a different master pass. " +
        "Set the pass the vault was created with (or the one given to the last `npm run vault:rekey`).",
    );
    this.name = "VaultPassError";
  }
}

export type Keyring = {
  kek: Buffer;
  keys: Map<string, Buffer>;
  activeKeyId: string;
  activeCheckedAt: number;
};

/** How long a process trusts its idea of the active key before asking the database (a rotation may have run). */
export const ACTIVE_KEY_TTL_MS = 30_000;

export const bytes = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b);
export const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
export const newKeyId = () => `k_${randomBytes(9).toString("base64url")}`;

export function wrapDataKey(kek: Buffer, keyId: string, key: Buffer) {
  const { ciphertext, iv } = encrypt(kek, key, wrapAad(keyId));
  return { wrappedKey: bytes(ciphertext), wrapIv: bytes(iv) };
}

export function unwrapDataKey(kek: Buffer, row: { id: string; wrappedKey: Uint8Array; wrapIv: Uint8Array }): Buffer {
  return decrypt(kek, buf(row.wrappedKey), buf(row.wrapIv), wrapAad(row.id));
}

export async function newKdfConfig(pass: string, params: KdfParams = DEFAULT_KDF_PARAMS) {
  const salt = randomBytes(16);
  const kek = await deriveKek(pass, salt, params);
  const check = encrypt(kek, CHECK_PLAINTEXT, CHECK_AAD);
  return {
    kek,
    row: {
      kdf: "scrypt",
      salt: bytes(salt),
      params: JSON.stringify(params),
      check: bytes(check.ciphertext),
      checkIv: bytes(check.iv),
    },
  };
}

/** Derives the KEK from the stored salt and parameters; a wrong pass fails the check value. */
/** `client` names another database than the portal's (verifying a copy); by default db(). */
export async function deriveCheckedKek(pass: string, client: Db = db()): Promise<Buffer | null> {
  const config = await client.vaultConfig.findUnique({ where: { id: 1 } });
  if (!config) return null;
  if (config.kdf !== "scrypt") throw new Error(`VaultConfig.kdf "${config.kdf}" is not supported`);
  const kek = await deriveKek(pass, buf(config.salt), parseKdfParams(config.params));
  try {
    const plain = decrypt(kek, buf(config.check), buf(config.checkIv), CHECK_AAD);
    if (!plain.equals(CHECK_PLAINTEXT)) throw new Error("check mismatch");
  } catch {
    throw new VaultPassError();
  }
  return kek;
}

/** Creates the vault; returns its KEK, or null when another process won the race (then derive theirs). */
async function initialise(pass: string): Promise<Buffer | null> {
  const { row, kek } = await newKdfConfig(pass);
  const keyId = newKeyId();
  try {
    await db().$transaction(async (tx) => {
      await tx.vaultConfig.create({ data: { id: 1, ...row } });
      await tx.vaultKey.create({
        data: { id: keyId, status: "active", ...wrapDataKey(kek, keyId, randomBytes(KEY_BYTES)) },
      });
    });
    return kek;
  } catch (error) {
    if (!(await db().vaultConfig.findUnique({ where: { id: 1 } }))) throw error;
    return null;
  }
}

export async function loadKeys(kek: Buffer, client: Db = db()): Promise<Pick<Keyring, "keys" | "activeKeyId">> {
  const rows = await client.vaultKey.findMany({ orderBy: { createdAt: "asc" } });
  const keys = new Map<string, Buffer>();
  for (const row of rows) {
    try {
      keys.set(row.id, unwrapDataKey(kek, row));
    } catch {
      throw new Error(`Vault key ${row.id} cannot be unwrapped with the current master pass (damaged row?)`);
    }
  }
  const active = rows.filter((r) => r.status === "active").at(-1);
  if (!active) throw new Error("The vault has no active data key; run `npm run vault:rotate` to add one.");
  return { keys, activeKeyId: active.id };
}

/** Opens (initialising on first use) the vault of a database with a master pass. */
export async function openKeyring(pass: string): Promise<Keyring> {
  let kek = await deriveCheckedKek(pass);
  if (!kek) {
    kek = (await initialise(pass)) ?? (await deriveCheckedKek(pass));
    if (!kek) throw new Error("The vault could not be initialised");
  }
  return { kek, ...(await loadKeys(kek)), activeCheckedAt: Date.now() };
}

// One keyring per database client: test files and scripts that switch databases get their own.
// Kept on globalThis so every Next bundle in the process shares it (one scrypt per process).
const globalForVault = globalThis as unknown as { miniportalVaultRings?: WeakMap<Db, Promise<Keyring>> };
const rings = (globalForVault.miniportalVaultRings ??= new WeakMap<Db, Promise<Keyring>>());

/** The keyring of the current database client (db()), opened once and shared. */
export function keyringFor(pass: string): Promise<Keyring> {
  const client = db();
  let ring = rings.get(client);
  if (!ring) {
    ring = openKeyring(pass);
    rings.set(client, ring);
    // A failed open is not cached, so fixing the cause (e.g. a migration) needs no restart.
    ring.catch(() => rings.delete(client));
  }
  return ring;
}

/** Drops the cached keys, so the next use derives them again from the master pass. */
export function forgetKeyring(): void {
  rings.delete(db());
}

/** The key new writes use, re-read now and then so a rotation by the CLI is picked up. */
export async function activeKey(ring: Keyring): Promise<{ keyId: string; key: Buffer }> {
  if (Date.now() - ring.activeCheckedAt > ACTIVE_KEY_TTL_MS) {
    const active = await db().vaultKey.findFirst({
      where: { status: "active" },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (active && active.id !== ring.activeKeyId) await refreshKeys(ring);
    ring.activeCheckedAt = Date.now();
  }
  const key = ring.keys.get(ring.activeKeyId);
  if (!key) throw new Error("The active vault key is not loaded");
  return { keyId: ring.activeKeyId, key };
}

export async function refreshKeys(ring: Keyring): Promise<void> {
  const fresh = await loadKeys(ring.kek);
  ring.keys = fresh.keys;
  ring.activeKeyId = fresh.activeKeyId;
  ring.activeCheckedAt = Date.now();
}
