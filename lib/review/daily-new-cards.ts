// The daily new-card limit: the student's own setting, and how many cards
// today's (UTC) grades introduced. A grade introduced a card when the card had
// no state before it (prevDueAt null); undone grades and re-drills do not
// count, so undoing the first grade of a card gives its slot back.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { DomainError } from "../errors";
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

export async function newCardBudget(userId: string, now = new Date()): Promise<NewCardBudget> {
  const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [user, introduced, reviewed] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { newCardsPerDay: true, reviewsPerDay: true } }),
    db().reviewLog.findMany({
      where: {
        userId,
        reviewedAt: { gte: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) },
        undoneAt: null,
        redrill: false,
        prevDueAt: null,
      },
      select: { cardId: true },
      distinct: ["cardId"],
    }),
    db().reviewLog.count({
      where: { userId, reviewedAt: { gte: startOfDay }, undoneAt: null, redrill: false, prevDueAt: { not: null } },
    }),
  ]);
  const limit = user?.newCardsPerDay ?? NEW_CARDS_PER_DAY_DEFAULT;
  const reviewLimit = user?.reviewsPerDay ?? REVIEWS_PER_DAY_DEFAULT;
  return {
    limit,
    introducedToday: introduced.length,
    allowance: newCardAllowance(limit, introduced.length),
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
