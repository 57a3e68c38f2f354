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
  type PolicyName,
} from "./rate-limit";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";

export type Gate = LimitDecision & { policy: string };
type Step = readonly [PolicyName, string];

export function accountKey(email: string): string {
  return limitKey(email.trim().toLowerCase());
}

export function accountIpKey(ip: string, email: string): string {
  return limitKey(`${email.trim().toLowerCase()}\n${ip}`);
}

function loginSteps(ip: string, email: string): Step[] {
  // Most specific first: a refusal there leaves the wider budgets untouched.
  return [
    ["loginAccountIp", accountIpKey(ip, email)],
    ["loginIp", ip],
    ["loginIpDay", ip],
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

/** Before a password is checked: refused when the address or the account has no attempts left. */
export function beginLogin(ip: string, email: string): Promise<Gate> {
  return consumeAll(loginSteps(ip, email));
}

/** A correct password: the consecutive failures start again, and the attempt is not a failure. */
export async function loginSucceeded(ip: string, email: string): Promise<void> {
  const [accountIp, ...budgets] = loginSteps(ip, email);
  await Promise.all([clearLimit(...accountIp!), ...budgets.map((step) => rewardLimit(...step))]);
}

/** For proxy.ts: answers 429 early without spending (the account is only known if the body was readable). */
export function peekLogin(ip: string, email: string | null): Promise<Gate> {
  return peekAll(
    email
      ? loginSteps(ip, email)
      : [
          ["loginIp", ip],
          ["loginIpDay", ip],
        ],
  );
}

export function beginInvite(ip: string): Promise<Gate> {
  return consumeAll([["inviteIp", ip]]);
}

export async function inviteSucceeded(ip: string): Promise<void> {
  await rewardLimit("inviteIp", ip);
}

export function peekInvite(ip: string): Promise<Gate> {
  return peekAll([["inviteIp", ip]]);
}

/** Before a signed-in user's current password is verified (password change). */
export function beginPasswordCheck(userId: string): Promise<Gate> {
  return consumeAll([["passwordCheck", limitKey(userId)]]);
}

export async function passwordCheckSucceeded(userId: string): Promise<void> {
  await clearLimit("passwordCheck", limitKey(userId));
}

/** sessionToken is the cookie value the portal authenticates; only its hash becomes the key. */
export function writeGate(sessionToken: string): Promise<Gate> {
  return consumeAll([["writeSession", limitKey(sessionToken)]]);
}

/** What a throttled person reads, in their language (English where none is known, as in proxy.ts). */
export function tooManyAttemptsMessage(retryAfterSeconds: number, locale: Locale = DEFAULT_LOCALE): string {
  return translatorFor(locale)("auth.tooManyAttempts", { seconds: retryAfterSeconds });
}
