// The session token: a next-auth JWT (encrypted JWE) naming the server-side session.
// Apart from the cookie code (next/headers) so scripts and test seeding can mint one.
import { decode, encode } from "next-auth/jwt";
import { env } from "../env";
import type { SessionClaims } from "./sessions";

export async function encodeSessionToken(claims: SessionClaims, expiresAt: Date): Promise<string> {
  const maxAge = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return encode({ token: { ...claims }, secret: env().AUTH_SECRET, maxAge });
}

export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  if (token.length > 4096) return null;
  try {
    const payload = await decode({ token, secret: env().AUTH_SECRET });
    if (
      !payload ||
      typeof payload.sub !== "string" ||
      typeof payload.sid !== "string" ||
      typeof payload.sv !== "number"
    )
      return null;
    return { sub: payload.sub, sid: payload.sid, sv: payload.sv };
  } catch {
    return null; // tampered, foreign or expired tokens are simply not sessions
  }
}
