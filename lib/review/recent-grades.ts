// Each card's latest non-undone grade within the re-drill window: a card graded
// below 4 there is asked again (lib/review/due-count.ts decides).
import "server-only";
import { db } from "../db/client";
import { REDRILL_WINDOW_MS } from "./grading";

export async function recentGrades(userId: string, now = new Date()): Promise<Map<string, number>> {
  const logs = await db().reviewLog.findMany({
    where: { userId, undoneAt: null, reviewedAt: { gt: new Date(now.getTime() - REDRILL_WINDOW_MS) } },
    select: { cardId: true, grade: true },
    orderBy: [{ reviewedAt: "asc" }, { id: "asc" }],
  });
  // Oldest first: the latest grade of a card wins.
  return new Map(logs.map((l) => [l.cardId, l.grade]));
}

/** The same from non-undone grades fetched earlier, oldest first, covering at least the window before `now`. */
export function latestGrades(
  logs: readonly { cardId: string; grade: number; reviewedAt: Date }[],
  now: Date,
): Map<string, number> {
  const from = now.getTime() - REDRILL_WINDOW_MS;
  return new Map(logs.filter((l) => l.reviewedAt.getTime() > from).map((l) => [l.cardId, l.grade]));
}
