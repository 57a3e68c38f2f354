// Which FSRS weights and retention schedule a student: their own fitted parameters
// when `npm run fsrs:optimize` fitted some (enough reviews of their own), else the
// cohort's, else FSRS-6's defaults; the retention they chose on /account.
import { zoneOf } from "../time/user-zone";
import "server-only";
import { db, type Tx } from "../db/client";
import { DEFAULT_WEIGHTS, type FsrsSettings } from "./fsrs";
import { isScheduler, RETENTION_DEFAULT, type Scheduler } from "./rating";

export const COHORT_SCOPE = "cohort";

export type StudentScheduling = FsrsSettings & {
  scheduler: Scheduler;
  /** Where the weights came from. */
  source: "student" | "cohort" | "default";
  reviewsPerDay: number;
  newCardsPerDay: number;
};

function parseWeights(json: string): number[] | null {
  try {
    const w = JSON.parse(json) as unknown;
    return Array.isArray(w) && w.length >= 19 && w.every((x) => typeof x === "number" && Number.isFinite(x)) ? w : null;
  } catch {
    return null;
  }
}

export async function weightsFor(
  userId: string,
  tx?: Tx,
): Promise<{ weights: readonly number[]; source: StudentScheduling["source"] }> {
  const rows = await (tx ?? db()).fsrsParameters.findMany({ where: { scope: { in: [userId, COHORT_SCOPE] } } });
  for (const scope of [userId, COHORT_SCOPE]) {
    const row = rows.find((r) => r.scope === scope);
    const w = row && row.fit !== "default" ? parseWeights(row.weights) : null;
    if (w) return { weights: w, source: scope === userId ? "student" : "cohort" };
  }
  return { weights: DEFAULT_WEIGHTS, source: "default" };
}

export async function studentScheduling(userId: string, tx?: Tx): Promise<StudentScheduling> {
  const [user, w] = await Promise.all([
    (tx ?? db()).user.findUnique({
      where: { id: userId },
      select: { scheduler: true, desiredRetention: true, reviewsPerDay: true, newCardsPerDay: true, timeZone: true },
    }),
    weightsFor(userId, tx),
  ]);
  return {
    scheduler: isScheduler(user?.scheduler) ? user.scheduler : "sm2",
    retention: user?.desiredRetention ?? RETENTION_DEFAULT,
    reviewsPerDay: user?.reviewsPerDay ?? 200,
    newCardsPerDay: user?.newCardsPerDay ?? 20,
    zone: zoneOf({ timeZone: user?.timeZone ?? null }),
    ...w,
  };
}
