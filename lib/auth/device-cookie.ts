// The device cookie (OWASP's "device cookies" against online guessing): a browser
// that has signed in to an account before carries a signed token naming that
// account. Its sign-ins are limited per device only, so a stranger who spends the
// account's or the address's budgets (a school NAT, a spray from many addresses)
// cannot lock the owner out of the browser they always use. The cookie outlives
// sign-out on purpose: it vouches for the device, not for a session.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { servedOverHttps } from "../config/base-url";
import { env } from "../env";
import { normalizeEmail } from "./email";

export const SECURE_DEVICE_COOKIE = "__Host-miniportal.device";
export const PLAIN_DEVICE_COOKIE = "miniportal.device";
const MAX_AGE_SECONDS = 365 * 24 * 3600;

export function deviceCookieName(): string {
  return servedOverHttps() ? SECURE_DEVICE_COOKIE : PLAIN_DEVICE_COOKIE;
}

function signature(email: string, nonce: string): string {
  return createHmac("sha256", env().AUTH_SECRET)
    .update(`miniportal-device\n${normalizeEmail(email)}\n${nonce}`)
    .digest("base64url");
}

/** A fresh token for this account: "<nonce>.<signature>". */
export function mintDeviceToken(email: string): string {
  const nonce = randomBytes(16).toString("base64url");
  return `${nonce}.${signature(email, nonce)}`;
}

/**
 * The device's id (its nonce) when the token was minted by this portal for this
 * account, else null: a token for another account, a forged or a truncated one
 * earns nothing.
 */
export function trustedDeviceId(token: string | null | undefined, email: string | null): string | null {
  if (!token || !email || token.length > 200) return null;
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, nonce, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(email, nonce));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? nonce : null;
}

type CookieSource = { get(name: string): { value: string } | undefined };

export function deviceTokenOf(cookies: CookieSource): string | null {
  return cookies.get(deviceCookieName())?.value || null;
}

export function deviceCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, secure: servedOverHttps(), path: "/", maxAge: MAX_AGE_SECONDS };
}
