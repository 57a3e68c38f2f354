// Authenticator codes (TOTP, RFC 6238, 30-second steps, 6 digits) with otplib.
// The secret is sealed by the vault (AAD binds it to its owner and row) and
// never logged; a code is accepted once (the last step is stored), with ±1 step of drift.
import { generateSecret, generateURI, verify } from "otplib";
import "server-only";
import { db, type Tx } from "../../db/client";
import { seal, unseal } from "../../vault";

const PERIOD = 30;
const ISSUER = "Miniportal";

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong_code" | "replayed_code" };

function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}

/** A new, unconfirmed authenticator for the account (an earlier unconfirmed one is dropped). */
export async function createPendingTotp(
  userId: string,
  email: string,
  name: string,
): Promise<{ factorId: string; secret: string; uri: string }> {
  const secret = generateSecret();
  await db().secondFactor.deleteMany({ where: { userId, kind: "totp", confirmedAt: null } });
  const row = await db().secondFactor.create({ data: { userId, kind: "totp", name } });
  const sealed = await seal({ ownerId: userId, table: "SecondFactor", rowId: row.id }, secret);
  await db().secondFactor.update({
    where: { id: row.id },
    data: { ciphertext: bytes(sealed.ciphertext), iv: bytes(sealed.iv), keyId: sealed.keyId, format: sealed.format },
  });
  return { factorId: row.id, secret, uri: generateURI({ issuer: ISSUER, label: email, secret }) };
}

type TotpRow = {
  id: string;
  userId: string;
  ciphertext: Uint8Array | null;
  iv: Uint8Array | null;
  keyId: string | null;
  format: number | null;
  lastStep: number | null;
};

export async function secretOf(row: TotpRow): Promise<string> {
  if (!row.ciphertext || !row.iv || !row.keyId || row.format === null) throw new Error("TOTP factor without a secret");
  const binding = { ownerId: row.userId, table: "SecondFactor" as const, rowId: row.id };
  return unseal(binding, {
    ciphertext: Buffer.from(row.ciphertext),
    iv: Buffer.from(row.iv),
    keyId: row.keyId,
    format: row.format,
  });
}

/**
 * Checks a code and, when it matches, records its step in the same statement
 * that refuses an older or equal one: two requests with one code cannot both pass.
 */
export async function checkTotp(tx: Tx, row: TotpRow, code: string, now: Date): Promise<TotpCheck> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "wrong_code" };
  const secret = await secretOf(row);
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, period: PERIOD, epochTolerance: PERIOD });
  if (!result.valid) return { ok: false, reason: "wrong_code" };
  const step = "timeStep" in result ? result.timeStep : Math.floor(epoch / PERIOD) + result.delta;
  const { count } = await tx.secondFactor.updateMany({
    where: { id: row.id, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
    data: { lastStep: step, lastUsedAt: now },
  });
  return count === 1 ? { ok: true, step } : { ok: false, reason: "replayed_code" };
}
