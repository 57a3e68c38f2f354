// The portal's rate-limit policies applied to its flows. Sign-in and invite
// redemption count failures only, so a class signing in from one school network
// is not throttled; writes count every request of a session.
import { POLICIES, clearLimit, consumeLimit, limitKey, peekLimit, recordFailure, type LimitDecision } from "./rate-limit";

export function accountKey(email: string): string {
  return limitKey(email.trim().toLowerCase());
}

/** Refused when the address or the account has used up its failed attempts. */
export async function loginGate(ip: string, email: string | null): Promise<LimitDecision & { policy: string }> {
  const byIp = await peekLimit("loginIp", ip);
  if (!byIp.ok) return { ...byIp, policy: POLICIES.loginIp.name };
  if (email) {
    const byAccount = await peekLimit("loginAccount", accountKey(email));
    if (!byAccount.ok) return { ...byAccount, policy: POLICIES.loginAccount.name };
  }
  return { ok: true, remaining: byIp.remaining, policy: POLICIES.loginIp.name };
}

export async function noteLoginFailure(ip: string, email: string): Promise<void> {
  await Promise.all([recordFailure("loginIp", ip), recordFailure("loginAccount", accountKey(email))]);
}

/** A correct password clears the account's failures (not the address's). */
export async function noteLoginSuccess(email: string): Promise<void> {
  await clearLimit("loginAccount", accountKey(email));
}

export async function inviteGate(ip: string): Promise<LimitDecision & { policy: string }> {
  return { ...(await peekLimit("inviteIp", ip)), policy: POLICIES.inviteIp.name };
}

export async function noteInviteFailure(ip: string): Promise<void> {
  await recordFailure("inviteIp", ip);
}

/** sessionToken is the cookie value; only its hash becomes the key. */
export async function writeGate(sessionToken: string): Promise<LimitDecision & { policy: string }> {
  return { ...(await consumeLimit("writeSession", limitKey(sessionToken))), policy: POLICIES.writeSession.name };
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `Too many attempts. Please wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"} and try again.`;
}
