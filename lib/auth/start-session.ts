// The one way a browser becomes signed in (login form, invite redemption): a
// server-side session row and the cookie naming it. next-auth's Credentials
// provider creates the row the same way (createSession) and writes its own cookie.
import "server-only";
import { setSessionCookie } from "./session-cookie";
import { createSession } from "./sessions";

export async function startSession(user: { userId: string; sessionVersion: number }): Promise<void> {
  const session = await createSession(user.userId);
  await setSessionCookie({ sub: user.userId, sid: session.sid, sv: user.sessionVersion }, session.expiresAt);
}
