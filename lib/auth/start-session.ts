// The one way a browser becomes signed in (login form, invite redemption, reset
// link): a server-side session row and the cookie naming it, plus the device
// cookie that lets this browser sign in to the account again even while
// strangers have spent the account's or the address's sign-in budgets.
import "server-only";
import { cookies } from "next/headers";
import { deviceCookieName, deviceCookieOptions, mintDeviceToken } from "./device-cookie";
import { setSessionCookie } from "./session-cookie";
import { createSession } from "./sessions";

export async function startSession(user: { userId: string; sessionVersion: number }): Promise<void> {
  const session = await createSession(user.userId);
  await setSessionCookie({ sub: user.userId, sid: session.sid, sv: user.sessionVersion }, session.expiresAt);
  (await cookies()).set(deviceCookieName(), mintDeviceToken(session.email), deviceCookieOptions());
}
