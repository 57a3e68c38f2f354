// Retention over the last 30 days: of the reviews of cards already learned (not a
// first grade, not a re-drill, not undone), the share recalled — FSRS rating Hard
// or better, i.e. SM-2 grade 3 or more. The same measure under both schedulers.
import "server-only";
import { db } from "../db/client";

export const RETENTION_WINDOW_DAYS = 30;

export async function recentRetention(userId: string, now = new Date()): Promise<{ count: number; recalled: number }> {
  const rows = await db().reviewLog.groupBy({
    by: ["rating"],
    where: {
      userId,
      reviewedAt: { gte: new Date(now.getTime() - RETENTION_WINDOW_DAYS * 86_400_000) },
      undoneAt: null,
      redrill: false,
      prevDueAt: { not: null },
    },
    _count: { _all: true },
  });
  let count = 0;
  let recalled = 0;
  for (const r of rows) {
    count += r._count._all;
    if (r.rating >= 2) recalled += r._count._all;
  }
  return { count, recalled };
}
