// The portal's rate-limit policies. Sign-in follows rate-limiter-flexible's
// recommended login pattern (consecutive failures per account+address, plus a
// per-address daily budget); docs/security.md explains the numbers and the
// trade-off against locking real students out.
export type LimitScope = "ip" | "account" | "account_ip" | "session";

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
   * Failed sign-ins to one account from anywhere per day: a brake on password
   * spraying from many addresses, set high enough that a stranger needs ten
   * addresses (and 100 guesses) before it locks the real student out for an hour.
   */
  loginAccount: { name: "login_account", scope: "account", points: 100, durationSeconds: DAY, blockSeconds: HOUR },
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
  /** Writes (server action and route handler POSTs) per session. */
  writeSession: { name: "write_session", scope: "session", points: 120, durationSeconds: MINUTE, blockSeconds: MINUTE },
} as const satisfies Record<string, LimitPolicy>;

export type PolicyName = keyof typeof POLICIES;
