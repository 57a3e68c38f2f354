// The session token: a next-auth JWT (encrypted JWE) naming the server-side session.
// Apart from the cookie code (next/headers) so scripts and test seeding can mint one.
import { decode, encode } from "next-auth/jwt";
import { env } from "../env";
import type { SessionClaims } from "./sessions";

export async function encodeSessionToken(claims: SessionClaims, expiresAt: Date): Promise<string> {
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return encode({ token: { ...claims }, secret: env().AUTH_SECRET, maxAge });
}

// Decoding derives a key (HKDF) and decrypts the JWE on every request; a token's
// claims never change, so each worker keeps the last tokens it opened until they
// expire. Keyed by the whole token and the secret: a changed secret opens nothing kept.
const MAX_KEPT = 5000;
const kept = new Map<string, { claims: SessionClaims; expiresAtMs: number; secret: string }>();

export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  if (token.length > 4096) return null;
  const secret = env().AUTH_SECRET;
  const hit = kept.get(token);
  if (hit && hit.secret === secret && Date.now() < hit.expiresAtMs) return hit.claims;
  if (hit) kept.delete(token);
  try {
    const payload = await decode({ token, secret });
    if (
      !payload ||
      typeof payload.sub !== "string" ||
      typeof payload.sid !== "string" ||
      typeof payload.sv !== "number"
    )
      return null;
    const claims = { sub: payload.sub, sid: payload.sid, sv: payload.sv };
    if (typeof payload.exp === "number") {
      if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
      kept.set(token, { claims, expiresAtMs: payload.exp * 1000, secret });
    }
    return claims;
  } catch {
    return null; // tampered, foreign or expired tokens are simply not sessions
  }
}
