// The session cookie's names: `__Host-` on https (bound to this exact origin), plain on http.
import { servedOverHttps } from "../config/base-url";

export const SECURE_SESSION_COOKIE = "__Host-miniportal.session";
export const PLAIN_SESSION_COOKIE = "miniportal.session";

/** `__Host-` binds the cookie to this exact origin when served over https. */
export function sessionCookieName(): string {
  return servedOverHttps() ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE;
}

type CookieSource = { get(name: string): { value: string } | undefined };

/**
 * The session cookie value the portal authenticates, and the only one: the
 * session reader and the per-session write limit both resolve it here, so a
 * decoy cookie under the other name cannot give a request a different limit key.
 */
export function sessionCookieValue(cookies: CookieSource): string | null {
  return cookies.get(sessionCookieName())?.value || null;
}
