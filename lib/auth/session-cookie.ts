// The session cookie: a next-auth JWT (encrypted JWE) naming the server-side session.
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { servedOverHttps } from "../config/base-url";
import { env } from "../env";
import { sessionCookieName } from "./cookie-names";
import type { SessionClaims } from "./sessions";

export { sessionCookieName };

export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/", expires };
}

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

export async function setSessionCookie(claims: SessionClaims, expiresAt: Date): Promise<void> {
  (await cookies()).set(
    sessionCookieName(),
    await encodeSessionToken(claims, expiresAt),
    sessionCookieOptions(expiresAt),
  );
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}
