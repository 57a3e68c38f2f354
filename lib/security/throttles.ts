// The rate-limit policies applied to the portal's flows. Every expensive or
// guessable step (Argon2, an invite lookup) pays its points BEFORE it runs, so
// parallel requests cannot all be evaluated before the first failure is
// recorded; a success gives the points back (or clears the consecutive-failure
// counter). A class signing in from one school network is therefore throttled
// only by its failures.
import {
  POLICIES,
  clearLimit,
  consumeLimit,
  limitKey,
  peekLimit,
  rewardLimit,
  type LimitDecision,
  type LimitScope,
  type PolicyName,
} from "./rate-limit";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { limitAddress } from "./client-ip";
import { translatorFor } from "../i18n/translate";

export type Gate = LimitDecision & { policy: string };
type Step = readonly [PolicyName, string];

export function accountKey(email: string): string {
  return limitKey(email.trim().toLowerCase());
}

export function accountIpKey(ip: string, email: string): string {
  return limitKey(`${email.trim().toLowerCase()}\n${ip}`);
}

/**
 * deviceId: the id of a device cookie this account's owner earned by signing in
 * from this browser (lib/auth/device-cookie.ts), or null. A known device is
 * limited on its own, so budgets a stranger can spend (the address's, the
 * account's) never lock the owner out of it.
 */
function loginSteps(ip: string, email: string, deviceId: string | null): Step[] {
  if (deviceId) return [["loginDevice", limitKey(`device\n${deviceId}`)]];
  // Most specific first: a refusal there leaves the wider budgets untouched.
  const address = limitAddress(ip);
  return [
    ["loginAccountIp", accountIpKey(address, email)],
    ["loginIp", address],
    ["loginIpDay", address],
    ["loginAccount", accountKey(email)],
  ];
}

/** Pays one point on every step, or none: a refusal gives back what was already paid. */
async function consumeAll(steps: readonly Step[]): Promise<Gate> {
  const paid: Step[] = [];
  for (const step of steps) {
    const decision = await consumeLimit(...step);
    if (!decision.ok) {
      await Promise.all(paid.map((p) => rewardLimit(...p)));
      return { ...decision, policy: POLICIES[step[0]].name };
    }
    paid.push(step);
  }
  return { ok: true, remaining: 0, policy: POLICIES[steps[0]![0]].name };
}

async function peekAll(steps: readonly Step[]): Promise<Gate> {
  for (const [name, key] of steps) {
    const decision = await peekLimit(name, key);
    if (!decision.ok) return { ...decision, policy: POLICIES[name].name };
  }
  return { ok: true, remaining: 0, policy: POLICIES[steps[0]![0]].name };
}

/** Before a password is checked: refused when the address, the account or the device has no attempts left. */
export function beginLogin(ip: string, email: string, deviceId: string | null = null): Promise<Gate> {
  return consumeAll(loginSteps(ip, email, deviceId));
}

/**
 * A correct password: the consecutive failures start again (the device's, and
 * the account+address pair's whichever way the owner came in), and the attempt
 * is not a failure.
 */
export async function loginSucceeded(ip: string, email: string, deviceId: string | null = null): Promise<void> {
  const [consecutive, ...budgets] = loginSteps(ip, email, deviceId);
  const pair: Step = ["loginAccountIp", accountIpKey(limitAddress(ip), email)];
  await Promise.all([
    clearLimit(...consecutive!),
    ...(deviceId ? [clearLimit(...pair)] : []),
    ...budgets.map((step) => rewardLimit(...step)),
  ]);
}

/** The second step's budgets: like the password's (loginSteps), keyed apart. */
function factorSteps(ip: string, email: string, deviceId: string | null): Step[] {
  if (deviceId) return [["factorDevice", limitKey(`factor-device\n${deviceId}`)]];
  const address = limitAddress(ip);
  return [
    ["factorAccountIp", accountIpKey(address, email)],
    ["factorIp", address],
    ["factorIpDay", address],
    ["factorAccount", accountKey(email)],
  ];
}

/** Before a second factor (code, recovery code, passkey) is checked. */
export function beginSecondFactor(ip: string, email: string, deviceId: string | null = null): Promise<Gate> {
  return consumeAll(factorSteps(ip, email, deviceId));
}

/** A second factor that matched: the consecutive failures start again and the attempt is given back. */
export async function secondFactorSucceeded(ip: string, email: string, deviceId: string | null = null): Promise<void> {
  const [consecutive, ...budgets] = factorSteps(ip, email, deviceId);
  await Promise.all([clearLimit(...consecutive!), ...budgets.map((step) => rewardLimit(...step))]);
}

/** Passwordless sign-in: the account is unknown until the passkey answers, so only the address pays. */
export function beginPasswordless(ip: string): Promise<Gate> {
  const address = limitAddress(ip);
  return consumeAll([
    ["factorIp", address],
    ["factorIpDay", address],
  ]);
}

/** For proxy.ts: answers 429 early without spending (the account is only known if the body was readable). */
export function peekLogin(ip: string, email: string | null, deviceId: string | null = null): Promise<Gate> {
  if (email) return peekAll(loginSteps(ip, email, deviceId));
  const address = limitAddress(ip);
  return peekAll([
    ["loginIp", address],
    ["loginIpDay", address],
  ]);
}

/**
 * The owner proved control of the account another way (a reset link): the
 * account-wide budget strangers may have spent starts again.
 */
export async function accountRecovered(email: string): Promise<void> {
  await clearLimit("loginAccount", accountKey(email));
}

export function beginInvite(ip: string): Promise<Gate> {
  return consumeAll([["inviteIp", limitAddress(ip)]]);
}

export async function inviteSucceeded(ip: string): Promise<void> {
  await rewardLimit("inviteIp", limitAddress(ip));
}

export function peekInvite(ip: string): Promise<Gate> {
  return peekAll([["inviteIp", limitAddress(ip)]]);
}

/** Before a signed-in user's current password is verified (password change). */
export function beginPasswordCheck(userId: string): Promise<Gate> {
  return consumeAll([["passwordCheck", limitKey(userId)]]);
}

export async function passwordCheckSucceeded(userId: string): Promise<void> {
  await clearLimit("passwordCheck", limitKey(userId));
}

/**
 * sessionId: the id of the session the portal authenticated (the decoded token's
 * sid), never the cookie text: the token decoder accepts many spellings of one
 * token, and each spelling must not get a budget of its own.
 */
export function writeGate(sessionId: string): Promise<Gate> {
  return consumeAll([["writeSession", limitKey(`session\n${sessionId}`)]]);
}

/** Error reports through the Sentry tunnel: per address, and all signed-out browsers together. */
export function reportGate(ip: string, signedIn: boolean): Promise<Gate> {
  const steps: Step[] = [["reportIp", limitAddress(ip)]];
  if (!signedIn) steps.push(["reportAnonymous", "signed-out"]);
  return consumeAll(steps);
}

/**
 * What a throttled person reads, in their language (English where none is known,
 * as in proxy.ts). A sign-in refused on the account's budget says how the owner
 * still gets in.
 */
export function tooManyAttemptsMessage(
  retryAfterSeconds: number,
  locale: Locale = DEFAULT_LOCALE,
  scope?: LimitScope,
): string {
  const t = translatorFor(locale);
  const wait =
    retryAfterSeconds < 120
      ? t("auth.tooManyAttempts", { seconds: retryAfterSeconds })
      : t("auth.tooManyAttemptsMinutes", { minutes: Math.ceil(retryAfterSeconds / 60) });
  return scope === "account" ? `${wait} ${t("auth.accountLimitedHint")}` : wait;
}
