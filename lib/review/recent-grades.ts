// Each card's latest non-undone grade within the re-drill window: a card graded
// below 4 there is asked again (lib/review/due-count.ts decides).
import "server-only";
import { db } from "../db/client";
import { REDRILL_WINDOW_MS } from "./grading";

export type RecentGrade = { cardId: string; grade: number; reviewedAt: Date; prevDueAt: Date | null; redrill: boolean };

/**
 * A student's non-undone grades of the last `lookbackMs` (oldest first): enough for
 * both the re-drills (latestGrades) and today's budget (budgetFrom) in one query.
 */
export function recentGradeLogs(userId: string, now: Date, lookbackMs: number): Promise<RecentGrade[]> {
  return db().reviewLog.findMany({
    where: { userId, undoneAt: null, reviewedAt: { gte: new Date(now.getTime() - lookbackMs) } },
    select: { cardId: true, grade: true, reviewedAt: true, prevDueAt: true, redrill: true },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Each card's latest grade within the re-drill window before `now`, from non-undone
 * grades (recentGradeLogs) covering at least that window. Oldest first: the latest wins.
 */
export function latestGrades(
  logs: readonly { cardId: string; grade: number; reviewedAt: Date }[],
  now: Date,
): Map<string, number> {
  const from = now.getTime() - REDRILL_WINDOW_MS;
  return new Map(logs.filter((l) => l.reviewedAt.getTime() > from).map((l) => [l.cardId, l.grade]));
}
