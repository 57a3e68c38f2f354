// The portal's rate-limit policies. Sign-in follows rate-limiter-flexible's
// recommended login pattern (consecutive failures per account+address, plus a
// per-address daily budget) and OWASP's device cookies (a browser the account
// has signed in from is limited on its own); docs/security.md explains the
// numbers and why none of them lets a stranger lock a student out.
//
// A key that has spent its points is blocked for blockSeconds and then starts
// afresh: a refusal never lasts longer than the block (rate-limit.ts starts the
// block even when the proxy, not the action, sees the key full).
export type LimitScope = "ip" | "account" | "account_ip" | "device" | "session";

export type LimitPolicy = {
  name: string;
  scope: LimitScope;
  points: number;
  durationSeconds: number;
  blockSeconds: number;
};

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const POLICIES = {
  /** Failed sign-ins per client address in a burst: the 11th within a minute is refused. */
  loginIp: { name: "login_ip", scope: "ip", points: 10, durationSeconds: MINUTE, blockSeconds: MINUTE },
  /** Failed sign-ins per client address per day (the recommended slow-brute-force budget). */
  loginIpDay: { name: "login_ip_day", scope: "ip", points: 100, durationSeconds: DAY, blockSeconds: DAY },
  /** Consecutive failed sign-ins to one account from one address; a success starts again at 0. */
  loginAccountIp: {
    name: "login_account_ip",
    scope: "account_ip",
    points: 10,
    durationSeconds: 90 * DAY,
    blockSeconds: 15 * MINUTE,
  },
  /**
   * Failed sign-ins to one account per day from browsers it has never signed in
   * from: a brake on spraying from many addresses. It cannot lock the owner out
   * of a browser they have used (those are limited per device), and a reset link
   * lifts it.
   */
  loginAccount: { name: "login_account", scope: "account", points: 100, durationSeconds: DAY, blockSeconds: HOUR },
  /** Consecutive failed sign-ins from a browser that has signed in to this account before. */
  loginDevice: {
    name: "login_device",
    scope: "device",
    points: 10,
    durationSeconds: 90 * DAY,
    blockSeconds: 15 * MINUTE,
  },
  /**
   * The second step of a sign-in (docs/two-factor.md): the same shape as the
   * password's, with budgets of its own. Only someone who knew the password can
   * spend them, and a browser that completed both steps before is limited per device.
   */
  factorIp: { name: "factor_ip", scope: "ip", points: 10, durationSeconds: MINUTE, blockSeconds: MINUTE },
  factorIpDay: { name: "factor_ip_day", scope: "ip", points: 100, durationSeconds: DAY, blockSeconds: DAY },
  factorAccountIp: {
    name: "factor_account_ip",
    scope: "account_ip",
    points: 5,
    durationSeconds: 90 * DAY,
    blockSeconds: 15 * MINUTE,
  },
  factorAccount: { name: "factor_account", scope: "account", points: 50, durationSeconds: DAY, blockSeconds: HOUR },
  factorDevice: {
    name: "factor_device",
    scope: "device",
    points: 5,
    durationSeconds: 90 * DAY,
    blockSeconds: 15 * MINUTE,
  },
  /** Failed invite redemptions per client address. */
  inviteIp: { name: "invite_ip", scope: "ip", points: 10, durationSeconds: MINUTE, blockSeconds: MINUTE },
  /** Wrong current passwords of a signed-in account (a stolen session cannot guess on). */
  passwordCheck: {
    name: "password_check",
    scope: "account",
    points: 5,
    durationSeconds: 15 * MINUTE,
    blockSeconds: 15 * MINUTE,
  },
  /** Writes (server action and route handler POSTs) per authenticated session id. */
  writeSession: { name: "write_session", scope: "session", points: 120, durationSeconds: MINUTE, blockSeconds: MINUTE },
  /** Error reports through the Sentry tunnel per client address. */
  reportIp: { name: "report_ip", scope: "ip", points: 20, durationSeconds: MINUTE, blockSeconds: MINUTE },
  /** Error reports from signed-out browsers, all addresses together (nobody to follow up with). */
  reportAnonymous: {
    name: "report_anonymous",
    scope: "ip",
    points: 30,
    durationSeconds: 10 * MINUTE,
    blockSeconds: 10 * MINUTE,
  },
} as const satisfies Record<string, LimitPolicy>;

export type PolicyName = keyof typeof POLICIES;
