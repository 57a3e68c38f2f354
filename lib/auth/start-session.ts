// The one way a browser becomes signed in (login form, invite redemption, reset
// link, passkey): a server-side session row and the cookie naming it, plus the
// device cookie that lets this browser sign in to the account again even while
// strangers have spent the account's or the address's sign-in budgets. A session
// that still waits for its second step earns the device cookie only when that
// step is done (trustDevice), so a password alone never makes a browser "known".
import "server-only";
import { cookies } from "next/headers";
import { deviceCookieName, deviceCookieOptions, mintDeviceToken } from "./device-cookie";
import type { FactorMethod } from "./second-factor/session-factor";
import { setSessionCookie } from "./session-cookie";
import { createSession } from "./sessions";

export async function startSession(
  user: { userId: string; sessionVersion: number },
  /** A check already made (passwordless sign-in: the passkey was both factors). */
  factor: { verifiedAt: Date; method: FactorMethod } | null = null,
): Promise<{ pending: boolean }> {
  const session = await createSession(user.userId, new Date(), undefined, factor);
  await setSessionCookie({ sub: user.userId, sid: session.sid, sv: user.sessionVersion }, session.expiresAt);
  if (!session.pending) await trustDevice(session.email);
  return { pending: session.pending };
}

/** After the second step: this browser has now signed in to the account in full. */
export async function trustDevice(email: string): Promise<void> {
  (await cookies()).set(deviceCookieName(), mintDeviceToken(email), deviceCookieOptions());
}
