// A worker keeps what /review is computed from while the student's data and the
// cohort's FSRS parameters are unchanged, and a change made through another connection
// (another worker, instance or the optimizer: here a second client) shows on the very
// next session: the scheduler, the zone, a refit for the cohort or for the student.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { DEFAULT_WEIGHTS } from "@/lib/review/fsrs";
import { COHORT_SCOPE } from "@/lib/review/fsrs-settings";
import { gradeCard } from "@/lib/review/grading";
import { loadReviewSession } from "@/lib/review/queue";
import { reviewRows } from "@/lib/review/review-rows";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let other: ReturnType<typeof createDb>;
let cardIds: string[];

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
  other = createDb(t.url); // another worker's connection: nothing in this process's memory is shared with it
});
afterAll(async () => {
  await other.$disconnect();
});

/** Weights with the first-grade stabilities scaled: a new card's intervals change with them. */
const weightsScaled = (factor: number) => JSON.stringify(DEFAULT_WEIGHTS.map((w, i) => (i < 4 ? w * factor : w)));
const refit = (scope: string, factor: number) =>
  other.fsrsParameters.upsert({
    where: { scope },
    create: {
      scope,
      weights: weightsScaled(factor),
      fit: "full",
      reviewCount: 500,
      itemCount: 80,
      fittedAt: new Date(),
    },
    update: { weights: weightsScaled(factor) },
  });
const firstIntervals = async (user: Parameters<typeof loadReviewSession>[0], now: Date) =>
  (await loadReviewSession(user, {}, now))!.cards.find((c) => c.isNew)!.intervals;

describe("kept review rows", () => {
  it("are reused while nothing changes, and read again after a grade", async () => {
    const { user } = await createActiveUser();
    const now = new Date();
    const first = await reviewRows(user.id, now);
    expect(await reviewRows(user.id, new Date(now.getTime() + 1000))).toBe(first);
    expect(await reviewRows(user.id, new Date(now.getTime() - 60_000))).not.toBe(first); // never an earlier moment
    await gradeCard(user, cardIds[0]!, 5, now);
    const graded = await reviewRows(user.id, new Date(now.getTime() + 2000));
    expect(graded.states).toHaveLength(1);
    expect(graded.recent).toHaveLength(1);
  });

  it("the scheduler, the zone and refits made elsewhere show on the next session", async () => {
    const { user } = await createActiveUser();
    const now = new Date();
    const sm2 = await loadReviewSession(user, {}, now);
    expect(sm2!.scheduler).toBe("sm2");
    expect(sm2!.cards[0]!.intervals).toBeUndefined();

    await other.user.update({ where: { id: user.id }, data: { scheduler: "fsrs" } });
    const defaults = await firstIntervals(user, now);
    expect((await loadReviewSession(user, {}, now))!.scheduler).toBe("fsrs");
    expect(defaults).toHaveLength(4);

    // The optimizer refits the cohort: every student's next session uses the new weights.
    await refit(COHORT_SCOPE, 3);
    const cohort = await firstIntervals(user, now);
    expect(cohort![2]).toBeGreaterThan(defaults![2]);
    expect((await reviewRows(user.id, now)).settings.source).toBe("cohort");

    // Then the student's own fit, which wins over the cohort's.
    await refit(user.id, 0.5);
    const own = await firstIntervals(user, now);
    expect(own![2]).toBeLessThan(cohort![2]);
    expect((await reviewRows(user.id, now)).settings.source).toBe("student");
    await other.fsrsParameters.delete({ where: { scope: user.id } });
    expect(await firstIntervals(user, now)).toEqual(cohort);

    await other.user.update({ where: { id: user.id }, data: { timeZone: "Pacific/Auckland" } });
    expect((await reviewRows(user.id, now)).settings.zone).toBe("Pacific/Auckland");
  });
});
