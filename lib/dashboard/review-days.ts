// Non-undone reviews per local day since a moment, counted in the database. With
// full histories (thousands of logs per student) fetching rows to count them in
// JS dominated /me; the database aggregates per UTC quarter hour over the
// (userId, reviewedAt) index, and the few dozen buckets a student has are put on
// their local days here (lib/db/dialect.ts has each provider's expression).
import "server-only";
import { db } from "../db/client";
import { atOrAfter, utcQuarterHourOf } from "../db/dialect";
import { localDay } from "../time/zones";

export async function reviewCountsByDay(studentId: string, since: Date, zone: string): Promise<Map<string, number>> {
  const bucket = utcQuarterHourOf(`"reviewedAt"`);
  const rows = await db().$queryRaw<{ bucket: string; n: number | bigint }[]>`
    SELECT ${bucket} AS bucket, COUNT(*) AS n FROM "ReviewLog"
    WHERE "userId" = ${studentId} AND "reviewedAt" >= ${atOrAfter(since)} AND "undoneAt" IS NULL
    GROUP BY 1`;
  const perDay = new Map<string, number>();
  for (const r of rows) {
    const day = localDay(zone, new Date(`${r.bucket}:00Z`));
    perDay.set(day, (perDay.get(day) ?? 0) + Number(r.n));
  }
  return perDay;
}
