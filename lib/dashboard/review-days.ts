// Non-undone reviews per UTC day since a date, counted in the database. With
// full histories (thousands of logs per student) fetching rows to count them in
// JS dominated /me; SQLite aggregates over the (userId, reviewedAt) index instead.
// SQLite stores DateTime as ISO-8601 text, so the day is its first ten characters.
// Other providers fall back to fetching timestamps.
import "server-only";
import { db } from "../db/client";
import { env } from "../env";

export async function reviewCountsByDay(studentId: string, since: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (env().databaseUrl.startsWith("file:")) {
    const sinceDay = since.toISOString().slice(0, 10);
    const rows = await db().$queryRaw<{ day: string; n: number | bigint }[]>`
      SELECT substr("reviewedAt", 1, 10) AS day, COUNT(*) AS n FROM "ReviewLog"
      WHERE "userId" = ${studentId} AND "reviewedAt" >= ${sinceDay} AND "undoneAt" IS NULL
      GROUP BY day`;
    for (const r of rows) counts.set(r.day, Number(r.n));
    return counts;
  }
  const logs = await db().reviewLog.findMany({ where: { userId: studentId, reviewedAt: { gte: since }, undoneAt: null }, select: { reviewedAt: true } });
  for (const l of logs) {
    const day = l.reviewedAt.toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}
