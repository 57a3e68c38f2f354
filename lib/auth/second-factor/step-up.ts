// Step-up: a sensitive action (reset link, deactivation, gradebook export,
// removing a factor) asks for the second factor again when the session's last
// check is older than MINIPORTAL_STEP_UP_MINUTES. lib/ enforces it; pages and
// actions send the user to /login/second-factor?next=… first, for a friendly flow.
import "server-only";
import { DomainError } from "../../errors";
import type { SessionUser } from "../session-user";
import { stepUpDue } from "./policy";
import { confirmedFactorCount } from "./session-factor";

export async function stepUpNeeded(user: SessionUser, now = new Date()): Promise<boolean> {
  const checkedAt = user.secondFactor?.checkedAt;
  if (checkedAt && !stepUpDue(checkedAt, 1, now)) return false;
  return stepUpDue(checkedAt, await confirmedFactorCount(user.id), now);
}

export async function assertRecentFactor(user: SessionUser, now = new Date()): Promise<void> {
  if (await stepUpNeeded(user, now)) throw new DomainError("forbidden", "stepUpRequired");
}

/** Where to confirm, coming back to `next` (a path of this portal) afterwards. */
export function stepUpPath(next: string): string {
  const safe = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return `/login/second-factor?next=${encodeURIComponent(safe)}`;
}
