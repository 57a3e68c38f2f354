// The daily new-card limit: the student's own setting, and how many cards
// today's grades introduced, today being the student's local day (their zone,
// else the cohort's). A grade introduced a card when the card had
// no state before it (prevDueAt null); undone grades and re-drills do not
// count, so undoing the first grade of a card gives its slot back.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { zoneOf } from "../time/user-zone";
import { recentGradeLogs } from "./recent-grades";
import { startOfLocalDay } from "../time/zones";
import {
  NEW_CARDS_PER_DAY_DEFAULT,
  NEW_CARDS_PER_DAY_MAX,
  newCardAllowance,
  REVIEWS_PER_DAY_DEFAULT,
} from "./new-card-limit";

/**
 * `limit`/`introducedToday`/`allowance`: new cards. `reviewLimit`/`reviewedToday`/`reviewAllowance`:
 * the daily cap on reviews of cards already learned (User.reviewsPerDay), counted the same way
 * (today's non-undone, non-re-drill grades of cards that had a state).
 */
export type NewCardBudget = {
  limit: number;
  introducedToday: number;
  allowance: number;
  reviewLimit: number;
  reviewedToday: number;
  reviewAllowance: number;
};

/** A local day began at most this long ago: 24 h, plus 1 h when daylight saving ended that night. */
export const BUDGET_LOOKBACK_MS = 25 * 3600_000;

/** A student's daily limits and zone, as the User row holds them (null: no such row). */
export type BudgetSettings = { newCardsPerDay: number; reviewsPerDay: number; timeZone: string | null } | null;
/** A non-undone, non-re-drill grade. */
export type BudgetGrade = { cardId: string; reviewedAt: Date; prevDueAt: Date | null };

export async function newCardBudget(userId: string, now = new Date()): Promise<NewCardBudget> {
  // The zone comes with the user row, so both queries run at once: the grades of
  // the last 25 hours, cut at the student's local midnight in budgetFrom.
  const [user, recent] = await Promise.all([
    db().user.findUnique({
      where: { id: userId },
      select: { newCardsPerDay: true, reviewsPerDay: true, timeZone: true },
    }),
    recentGradeLogs(userId, now, BUDGET_LOOKBACK_MS),
  ]);
  return budgetFrom(
    user,
    recent.filter((l) => !l.redrill),
    now,
  );
}

/** The budget at `now` from the student's settings and their grades of at least the last BUDGET_LOOKBACK_MS. */
export function budgetFrom(user: BudgetSettings, graded: BudgetGrade[], now: Date): NewCardBudget {
  const since = startOfLocalDay(zoneOf({ timeZone: user?.timeZone ?? null }), now).getTime();
  const today = graded.filter((l) => l.reviewedAt.getTime() >= since);
  const introduced = new Set(today.filter((l) => l.prevDueAt === null).map((l) => l.cardId)).size;
  const reviewed = today.filter((l) => l.prevDueAt !== null).length;
  const limit = user?.newCardsPerDay ?? NEW_CARDS_PER_DAY_DEFAULT;
  const reviewLimit = user?.reviewsPerDay ?? REVIEWS_PER_DAY_DEFAULT;
  return {
    limit,
    introducedToday: introduced,
    allowance: newCardAllowance(limit, introduced),
    reviewLimit,
    reviewedToday: reviewed,
    reviewAllowance: newCardAllowance(reviewLimit, reviewed),
  };
}

/** A student sets their own daily limit (the form on /account). */
export async function setNewCardsPerDay(user: SessionUser, limit: number): Promise<number> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!Number.isInteger(limit) || limit < 0 || limit > NEW_CARDS_PER_DAY_MAX)
    throw new DomainError("invalid", "newCardsRange", "newCardsPerDay", {
      max: NEW_CARDS_PER_DAY_MAX,
    });
  const row = await db().user.update({ where: { id: user.id }, data: { newCardsPerDay: limit } });
  return row.newCardsPerDay;
}
