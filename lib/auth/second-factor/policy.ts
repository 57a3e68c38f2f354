// Who needs a second factor and how old a check may be (docs/two-factor.md).
// Pure functions over env(): the session layer, guards and tests share them.
import { env } from "../../env";
import type { Role } from "../session-user";

/**
 * Where a session stands with the second factor: "done" (nothing more to ask),
 * "pending" (the password was right, the second step is not done yet) or
 * "enrol" (an account that must have a factor has none: enrolment first).
 */
export type FactorState = "done" | "pending" | "enrol";

export function factorRequired(role: Role): boolean {
  return role === "admin" && env().MINIPORTAL_ADMIN_2FA === "required";
}

export function stepUpWindowMs(): number {
  return env().MINIPORTAL_STEP_UP_MINUTES * 60_000;
}

/**
 * verifiedAt: the session's last check (undefined when the session has no
 * second-factor row, null when its row waits for the second step).
 */
export function factorStateOf(input: {
  role: Role;
  factors: number;
  verifiedAt: Date | null | undefined;
}): FactorState {
  if (input.verifiedAt) return "done";
  // No row (undefined): a session from before the account enrolled; only a required account is asked.
  if (input.factors > 0) return input.verifiedAt === null || factorRequired(input.role) ? "pending" : "done";
  return factorRequired(input.role) ? "enrol" : "done";
}

/** Whether a sensitive action must ask for the factor again (the last check is too old or never happened). */
export function stepUpDue(checkedAt: Date | null | undefined, factors: number, now = new Date()): boolean {
  if (factors === 0) return false; // nothing to ask: policy allows this account without a factor
  return !checkedAt || now.getTime() - checkedAt.getTime() > stepUpWindowMs();
}
