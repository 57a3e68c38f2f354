// Recovery codes: ten single-use codes, shown once, stored as SHA-256. Each has
// 60 random bits, so a fast hash is enough (nothing to brute-force offline in
// reasonable time) and lookups stay indexed; the second step's limits apply to guesses.
import { createHash, randomBytes } from "node:crypto";
import "server-only";
import { db, type Tx } from "../../db/client";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read aloud and typed by hand

function randomCode(): string {
  const bytes = randomBytes(12);
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** Case, spaces and dashes do not matter when a code is typed. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function hashOf(code: string): string {
  return createHash("sha256")
    .update(`miniportal/recovery\n${normalizeRecoveryCode(code)}`)
    .digest("hex");
}

/** A new set of codes (the old set is void); returns them once, in plain text. */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashOf(code) })) });
  return codes;
}

/** Spends a code of this account; null when it is not one (or was used). Otherwise how many remain. */
export async function spendRecoveryCode(
  tx: Tx,
  userId: string,
  code: string,
  now: Date,
): Promise<{ remaining: number } | null> {
  if (normalizeRecoveryCode(code).length !== 12) return null;
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: hashOf(code), usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return { remaining: await tx.recoveryCode.count({ where: { userId, usedAt: null } }) };
}

export function remainingRecoveryCodes(userId: string): Promise<number> {
  return db().recoveryCode.count({ where: { userId, usedAt: null } });
}
