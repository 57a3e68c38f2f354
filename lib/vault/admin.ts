// Operator actions on the vault, used by the vault:rekey and vault:rotate scripts.
// Re-key changes the master pass by re-wrapping the data keys (no ciphertext
// changes); rotate adds a fresh data key for new writes and re-encrypts every
// sealed row under it. Neither ever prints or returns key material.
import { randomBytes } from "node:crypto";
import "server-only";
import { db } from "../db/client";
import { FORMAT_V1, KEY_BYTES, aadFor, decrypt, encrypt } from "./crypto";
import {
  ACTIVE_KEY_TTL_MS,
  buf,
  bytes,
  deriveCheckedKek,
  loadKeys,
  newKdfConfig,
  newKeyId,
  unwrapDataKey,
  wrapDataKey,
} from "./keyring";

export class VaultNotInitialisedError extends Error {
  constructor() {
    super("This database has no vault yet (it is created on first use), so there is nothing to re-key or rotate.");
  }
}

async function checkedKek(pass: string): Promise<Buffer> {
  const kek = await deriveCheckedKek(pass);
  if (!kek) throw new VaultNotInitialisedError();
  return kek;
}

/** Re-wraps every data key under a KEK derived from newPass, in one transaction. */
export async function rekeyVault(oldPass: string, newPass: string): Promise<{ keys: number }> {
  const oldKek = await checkedKek(oldPass);
  const rows = await db().vaultKey.findMany();
  const { kek: newKek, row: config } = await newKdfConfig(newPass);
  const rewrapped = rows.map((row) => ({ id: row.id, ...wrapDataKey(newKek, row.id, unwrapDataKey(oldKek, row)) }));
  await db().$transaction(async (tx) => {
    await tx.vaultConfig.update({ where: { id: 1 }, data: config });
    for (const row of rewrapped)
      await tx.vaultKey.update({ where: { id: row.id }, data: { wrappedKey: row.wrappedKey, wrapIv: row.wrapIv } });
  });
  // Prove the new pass opens every key before reporting success.
  await loadKeys(await checkedKek(newPass));
  return { keys: rows.length };
}

export type RotateProgress = (event: { table: "Note" | "ExamAttempt"; done: number; total: number }) => void;
export type RotateResult = { newKeyId: string; reencrypted: number; unreadable: string[]; retiredKeys: number };

type SealedRow = {
  id: string;
  userId: string;
  ciphertext: Uint8Array | null;
  iv: Uint8Array | null;
  keyId: string | null;
  format: number;
};

export type RotateOptions = {
  /**
   * How long after the new key is active a final pass runs. A running portal keeps
   * sealing with the key it knew for up to ACTIVE_KEY_TTL_MS; rows it writes in
   * that window are re-encrypted by the final pass. 0 when no server can be running.
   */
  settleMs?: number;
  onSettle?: (waitMs: number) => void;
};

/** Adds a new active data key (older ones become retired) and re-encrypts all sealed rows under it. */
export async function rotateVault(
  pass: string,
  onProgress: RotateProgress = () => {},
  options: RotateOptions = {},
): Promise<RotateResult> {
  const settleMs = options.settleMs ?? ACTIVE_KEY_TTL_MS + 2000;
  const kek = await checkedKek(pass);
  const newId = newKeyId();
  const newKey = randomBytes(KEY_BYTES);
  const retired = await db().$transaction(async (tx) => {
    const { count } = await tx.vaultKey.updateMany({ where: { status: "active" }, data: { status: "retired" } });
    await tx.vaultKey.create({ data: { id: newId, status: "active", ...wrapDataKey(kek, newId, newKey) } });
    return count;
  });
  const rotatedAt = Date.now();
  const { keys } = await loadKeys(kek);
  const unreadable: string[] = [];
  let reencrypted = 0;

  const reseal = (table: "Note" | "ExamAttempt", row: SealedRow) => {
    if (!row.ciphertext || !row.iv || !row.keyId) return null;
    const key = keys.get(row.keyId);
    const binding = { ownerId: row.userId, table, rowId: row.id };
    try {
      if (!key) throw new Error("unknown key");
      const plain = decrypt(
        key,
        buf(row.ciphertext),
        buf(row.iv),
        aadFor({ ...binding, keyId: row.keyId, format: row.format }),
      );
      const sealed = encrypt(newKey, plain, aadFor({ ...binding, keyId: newId, format: FORMAT_V1 }));
      return { ciphertext: bytes(sealed.ciphertext), iv: bytes(sealed.iv), keyId: newId, format: FORMAT_V1 };
    } catch {
      unreadable.push(`${table} ${row.id}`);
      return null;
    }
  };

  // A server that has not yet noticed the new key may still write with an old
  // one; each pass picks those rows up, and the compare-and-set never clobbers a save.
  const sweep = async (final: boolean) => {
    for (const table of ["Note", "ExamAttempt"] as const) {
      const pending = () =>
        table === "Note"
          ? db().note.count({ where: { keyId: { not: newId } } })
          : db().examAttempt.count({ where: { keyId: { not: newId }, ciphertext: { not: null } } });
      const total = await pending();
      if (final && total === 0) continue;
      let done = 0;
      onProgress({ table, done, total });
      for (let pass = 0; pass < 5 && (await pending()) > unreadable.filter((u) => u.startsWith(table)).length; pass++) {
        let cursor: string | undefined;
        for (;;) {
          const after = cursor ? { id: { gt: cursor } } : {};
          const page: (SealedRow & { updatedAt?: Date })[] =
            table === "Note"
              ? await db().note.findMany({
                  where: { keyId: { not: newId }, ...after },
                  orderBy: { id: "asc" },
                  take: 100,
                })
              : await db().examAttempt.findMany({
                  where: { keyId: { not: newId }, ciphertext: { not: null }, ...after },
                  orderBy: { id: "asc" },
                  take: 100,
                });
          if (page.length === 0) break;
          cursor = page.at(-1)!.id;
          for (const row of page) {
            if (unreadable.includes(`${table} ${row.id}`)) continue;
            const data = reseal(table, row);
            if (!data) continue;
            const where = { id: row.id, keyId: row.keyId!, iv: new Uint8Array(row.iv!) };
            const { count } =
              table === "Note"
                ? // Same text, same version: keep the student's saved-at time.
                  await db().note.updateMany({ where, data: { ...data, updatedAt: row.updatedAt } })
                : await db().examAttempt.updateMany({ where, data });
            if (count === 1) {
              reencrypted++;
              done = Math.min(total, done + 1);
              onProgress({ table, done, total });
            }
          }
        }
      }
    }
  };
  await sweep(false);
  const wait = rotatedAt + settleMs - Date.now();
  if (settleMs > 0 && wait > 0) {
    options.onSettle?.(wait);
    await new Promise((r) => setTimeout(r, wait));
  }
  if (settleMs > 0) await sweep(true);
  return { newKeyId: newId, reencrypted, unreadable, retiredKeys: retired };
}
