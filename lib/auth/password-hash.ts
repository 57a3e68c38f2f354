// Argon2id hashing at (at least) the OWASP/DESIGN minimum: m=19456 KiB, t=2, p=1.
// A stored hash with other parameters is re-hashed at the next successful login.
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, unusable under isolatedModules)

export const ARGON2_PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * NIST SP 800-63B-4: passwords are Unicode-normalised (NFC) before hashing, so
 * "é" typed as one code point or as e + combining accent is the same password.
 */
export function normalisePassword(password: string): string {
  return password.normalize("NFC");
}

export function hashPassword(
  password: string,
  params: { memoryCost: number; timeCost: number; parallelism: number } = ARGON2_PARAMS,
): Promise<string> {
  return hash(normalisePassword(password), { algorithm: ARGON2ID, ...params });
}

async function verifyRaw(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash never verifies
  }
}

/**
 * valid: the password matches. upgrade: it matched only as typed, not in NFC
 * (a hash stored before normalisation): store a new hash at this sign-in.
 */
export async function checkPassword(
  storedHash: string,
  password: string,
): Promise<{ valid: boolean; upgrade: boolean }> {
  const normalised = normalisePassword(password);
  if (await verifyRaw(storedHash, normalised)) return { valid: true, upgrade: false };
  if (normalised !== password && (await verifyRaw(storedHash, password))) return { valid: true, upgrade: true };
  return { valid: false, upgrade: false };
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  return (await checkPassword(storedHash, password)).valid;
}

/** True when the hash is not Argon2id with exactly the current parameters. */
export function needsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  const [, m, t, p] = match.map(Number) as [number, number, number, number];
  return m !== ARGON2_PARAMS.memoryCost || t !== ARGON2_PARAMS.timeCost || p !== ARGON2_PARAMS.parallelism;
}

// Verifying against this keeps the timing of "no such account" close to a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("miniportal-dummy-password-for-timing");
  return dummyHash;
}
