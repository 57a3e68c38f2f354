// The daily new-card limit: the student's own setting, and how many cards
// today's (UTC) grades introduced. A grade introduced a card when the card had
// no state before it (prevDueAt null); undone grades and re-drills do not
// count, so undoing the first grade of a card gives its slot back.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { NEW_CARDS_PER_DAY_DEFAULT, NEW_CARDS_PER_DAY_MAX, newCardAllowance } from "./new-card-limit";

export type NewCardBudget = { limit: number; introducedToday: number; allowance: number };

export async function newCardBudget(userId: string, now = new Date()): Promise<NewCardBudget> {
  const [user, introduced] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { newCardsPerDay: true } }),
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
  ]);
  const limit = user?.newCardsPerDay ?? NEW_CARDS_PER_DAY_DEFAULT;
  return { limit, introducedToday: introduced.length, allowance: newCardAllowance(limit, introduced.length) };
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
