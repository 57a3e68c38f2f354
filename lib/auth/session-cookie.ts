// The session cookie: carries the session token (session-token.ts) with hardened flags.
import { cookies } from "next/headers";
import { servedOverHttps } from "../config/base-url";
import { sessionCookieName } from "./cookie-names";
import type { SessionClaims } from "./sessions";
import { encodeSessionToken } from "./session-token";

export { sessionCookieName };
export { decodeSessionToken, encodeSessionToken } from "./session-token";

export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/", expires };
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
