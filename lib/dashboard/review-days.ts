// Non-undone reviews per UTC day since a date, counted in the database. With
// full histories (thousands of logs per student) fetching rows to count them in
// JS dominated /me; the database aggregates over the (userId, reviewedAt) index
// instead. The day expression is the provider's (lib/db/dialect.ts).
import "server-only";
import { db } from "../db/client";
import { startOfUtcDay, utcDayOf } from "../db/dialect";

export async function reviewCountsByDay(studentId: string, since: Date): Promise<Map<string, number>> {
  const day = utcDayOf(`"reviewedAt"`);
  const rows = await db().$queryRaw<{ day: string; n: number | bigint }[]>`
    SELECT ${day} AS day, COUNT(*) AS n FROM "ReviewLog"
    WHERE "userId" = ${studentId} AND "reviewedAt" >= ${startOfUtcDay(since)} AND "undoneAt" IS NULL
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}
