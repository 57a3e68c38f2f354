// Retention over the last 30 days: of the reviews of cards already learned (not a
// first grade, not a re-drill, not undone), the share recalled — FSRS rating Hard
// or better, i.e. SM-2 grade 3 or more. The same measure under both schedulers.
import "server-only";
import { db } from "../db/client";

export const RETENTION_WINDOW_DAYS = 30;
const WINDOW_MS = RETENTION_WINDOW_DAYS * 86_400_000;

export type RecentRetention = {
  count: number;
  recalled: number;
  /**
   * Until when these counts stay exact without new reviews: the moment the oldest review
   * counted leaves the window (null when none is counted: then nothing can leave it).
   */
  exactUntil: Date | null;
};

export async function recentRetention(userId: string, now = new Date()): Promise<RecentRetention> {
  const rows = await db().reviewLog.groupBy({
    by: ["rating"],
    where: {
      userId,
      reviewedAt: { gte: new Date(now.getTime() - WINDOW_MS) },
      undoneAt: null,
      redrill: false,
      prevDueAt: { not: null },
    },
    _count: { _all: true },
    _min: { reviewedAt: true },
  });
  let count = 0;
  let recalled = 0;
  let oldest: number | null = null;
  for (const r of rows) {
    count += r._count._all;
    if (r.rating >= 2) recalled += r._count._all;
    const at = r._min.reviewedAt?.getTime();
    if (at !== undefined && (oldest === null || at < oldest)) oldest = at;
  }
  return { count, recalled, exactUntil: oldest === null ? null : new Date(oldest + WINDOW_MS) };
}
