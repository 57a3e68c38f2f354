// WebAuthn challenges: random, single use, short-lived, and bound to a purpose
// and (except for passwordless sign-in) to the account that asked for them.
import "server-only";
import { db } from "../../db/client";

export const CHALLENGE_TTL_MS = 5 * 60_000;
export type ChallengePurpose = "register" | "authenticate" | "passwordless";
export type ChallengeProblem = "expired_challenge" | "unknown_challenge";

export async function storeChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
  now = new Date(),
): Promise<void> {
  // Old rows are only clutter (each is refused by its expiry): dropped as new ones come.
  await db().webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - CHALLENGE_TTL_MS) } } });
  await db().webAuthnChallenge.create({
    data: { challenge, purpose, userId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS) },
  });
}

/** Spends a challenge: one statement, so two answers to one challenge cannot both pass. */
export async function spendChallenge(
  challenge: string,
  purpose: ChallengePurpose,
  userId: string | null,
  now = new Date(),
): Promise<ChallengeProblem | null> {
  const { count } = await db().webAuthnChallenge.updateMany({
    where: { challenge, purpose, userId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 1) return null;
  const row = await db().webAuthnChallenge.findUnique({ where: { challenge } });
  return row && row.usedAt === null && row.expiresAt <= now ? "expired_challenge" : "unknown_challenge";
}

/** The challenge and origin a browser signed (clientDataJSON), or null when unreadable. */
export function clientDataOf(response: { response?: { clientDataJSON?: unknown } }): {
  challenge: string;
  origin: string;
} | null {
  const encoded = response.response?.clientDataJSON;
  if (typeof encoded !== "string" || encoded.length > 4096) return null;
  try {
    const data = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof data.challenge !== "string" || typeof data.origin !== "string") return null;
    return { challenge: data.challenge, origin: data.origin };
  } catch {
    return null;
  }
}
