// FSRS beside SM-2 against a real migrated database: switching by replay (and
// back), grading on the 1-4 scale with both scales logged, the not-due rule,
// re-drills and undo under FSRS, and idempotent settings.
import { beforeAll, describe, expect, it } from "vitest";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";
import { loadReviewSession } from "@/lib/review/queue";
import { replayFsrs } from "@/lib/review/fsrs";
import { setDesiredRetention, setReviewsPerDay, setScheduler } from "@/lib/review/review-settings";
import { workloadForecast } from "@/lib/review/workload";
import { createActiveUser, syncedPhaseCardIds } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
let cardIds: string[];
const DAY = 86_400_000;

beforeAll(async () => {
  cardIds = await syncedPhaseCardIds(t);
});

const card = (i: number) => cardIds[i] as string;
const stateOf = (userId: string, cardId: string) =>
  t.db.reviewState.findUniqueOrThrow({ where: { userId_cardId: { userId, cardId } } });

async function fsrsStudent() {
  const student = await createActiveUser();
  await t.db.user.update({ where: { id: student.id }, data: { scheduler: "fsrs" } });
  return student;
}

describe("switching scheduler", () => {
  it("replays the SM-2 log through FSRS, spreads the overdue cards, and switching again changes nothing", async () => {
    const { user } = await createActiveUser();
    // Ten cards reviewed twice, two months ago: all long overdue.
    const start = new Date("2026-01-05T09:00:00Z");
    for (let i = 0; i < 10; i++)
      await gradeCard(user, card(i), i % 3 === 0 ? 3 : 5, new Date(start.getTime() + i * 1000));
    for (let i = 0; i < 10; i++) await gradeCard(user, card(i), 4, new Date(start.getTime() + DAY + i * 1000));
    // A failure re-drilled the same day (a re-drill changes no schedule; the replay skips it).
    await gradeCard(user, card(0), 1, new Date(start.getTime() + 7 * DAY));
    await gradeCard(user, card(0), 5, new Date(start.getTime() + 7 * DAY + 60_000));
    const logs = await t.db.reviewLog.findMany({ where: { userId: user.id } });
    expect(logs.every((l) => l.scheduler === "sm2")).toBe(true);
    expect(logs.map((l) => [l.grade, l.rating])).toContainEqual([3, 2]);

    const now = new Date("2026-03-10T12:00:00Z");
    const r = await setScheduler(user, "fsrs", now);
    expect(r).toMatchObject({ scheduler: "fsrs", changed: true, cards: 10, spread: 10 });
    const expected = replayFsrs(logs);
    const today = Date.UTC(2026, 2, 10);
    const perDay = new Map<number, number>();
    for (let i = 0; i < 10; i++) {
      const s = await stateOf(user.id, card(i));
      const e = expected.get(card(i))!;
      expect(s.stability).toBeCloseTo(e.stability!, 9);
      expect(s.difficulty).toBeCloseTo(e.difficulty!, 9);
      expect(s.intervalDays).toBe(e.intervalDays);
      // Not all due today: ceil(10 / 7) = 2 a day from today on.
      expect(s.dueAt.getTime()).toBeGreaterThanOrEqual(today);
      perDay.set(s.dueAt.getTime(), (perDay.get(s.dueAt.getTime()) ?? 0) + 1);
    }
    expect(Math.max(...perDay.values())).toBe(2);
    const audit = await t.db.eventLog.findMany({ where: { action: "review.scheduler_changed", targetId: user.id } });
    expect(audit).toHaveLength(1);

    // Idempotent: the same choice again writes nothing.
    const before = await t.db.reviewState.findMany({ where: { userId: user.id }, orderBy: { cardId: "asc" } });
    expect(await setScheduler(user, "fsrs", now)).toMatchObject({ changed: false });
    expect(await t.db.reviewState.findMany({ where: { userId: user.id }, orderBy: { cardId: "asc" } })).toEqual(before);
    expect(await t.db.eventLog.count({ where: { action: "review.scheduler_changed", targetId: user.id } })).toBe(1);

    // And back: SM-2's own state from the same grades.
    await setScheduler(user, "sm2", now);
    const s0 = await stateOf(user.id, card(1));
    expect(s0).toMatchObject({ repetitions: 2, intervalDays: 6 });
  });

  it("an undo of a grade given before a switch is refused", async () => {
    const { user } = await createActiveUser();
    const r = await gradeCard(user, card(3), 5, new Date("2026-03-01T09:00:00Z"));
    await setScheduler(user, "fsrs", new Date("2026-03-01T09:05:00Z"));
    await expect(undoLastGrade(user, r.logId)).rejects.toMatchObject({ key: "undoAfterSwitch" });
  });
});

describe("grading under FSRS", () => {
  it("takes ratings 1-4 only, logs both scales, shows intervals and refuses a page of the other scale", async () => {
    const { user } = await fsrsStudent();
    const now = new Date("2026-04-01T09:00:00Z");
    const session = await loadReviewSession(user, {}, now);
    expect(session!.scheduler).toBe("fsrs");
    const first = session!.cards[0]!;
    expect(first.intervals).toHaveLength(4);
    const [again, hard, good, easy] = first.intervals!;
    expect(again).toBeLessThanOrEqual(hard);
    expect(good).toBeLessThan(easy);

    await expect(gradeCard(user, first.id, 0, now)).rejects.toMatchObject({ key: "ratingRange" });
    await expect(gradeCard(user, first.id, 5, now)).rejects.toMatchObject({ key: "ratingRange" });
    await expect(gradeCard(user, first.id, 3, now, "sm2")).rejects.toMatchObject({ key: "schedulerChanged" });

    const r = await gradeCard(user, first.id, 3, now, "fsrs");
    expect(r).toMatchObject({
      scheduler: "fsrs",
      rating: 3,
      grade: 4,
      redrill: false,
      needsRedrill: false,
      intervalDays: good,
    });
    const log = await t.db.reviewLog.findUniqueOrThrow({ where: { id: r.logId } });
    expect(log).toMatchObject({ grade: 4, rating: 3, scheduler: "fsrs", prevDueAt: null, prevStability: null });
    expect(log.stability).toBeGreaterThan(0);
    const s = await stateOf(user.id, first.id);
    expect(s.dueAt).toEqual(new Date(Date.UTC(2026, 3, 1) + good * DAY));
  });

  it("refuses a grade for a card that is not due, re-drills after Again or Hard, and undo restores the exact state", async () => {
    const { user } = await fsrsStudent();
    let now = new Date("2026-04-01T09:00:00Z");
    await gradeCard(user, card(5), 3, now);
    await expect(gradeCard(user, card(5), 3, new Date(now.getTime() + 3600_000))).rejects.toMatchObject({
      key: "cardNotDue",
    });
    const s1 = await stateOf(user.id, card(5));
    now = new Date(s1.dueAt.getTime() + 9 * 3600_000);
    const failed = await gradeCard(user, card(5), 1, now);
    expect(failed).toMatchObject({ needsRedrill: true, rating: 1, grade: 1, redrill: false });
    const afterFail = await stateOf(user.id, card(5));
    expect(afterFail.lapses).toBe(1);
    const redrill = await gradeCard(user, card(5), 3, new Date(now.getTime() + 60_000));
    expect(redrill).toMatchObject({ redrill: true, rating: 3 });
    expect(await stateOf(user.id, card(5))).toEqual(afterFail);
    // Undo the re-drill, then the failure: back to the state before it, FSRS memory included.
    await undoLastGrade(user, redrill.logId);
    await undoLastGrade(user, failed.logId);
    expect(await stateOf(user.id, card(5))).toEqual(s1);
  });

  it("the workload forecast rises with retention", async () => {
    const { user } = await fsrsStudent();
    const now = new Date("2026-04-01T09:00:00Z");
    for (let i = 0; i < 5; i++) await gradeCard(user, card(i), 3, now);
    const low = await workloadForecast(user, 0.75, now);
    const high = await workloadForecast(user, 0.97, now);
    expect(low.perDay).toHaveLength(30);
    expect(high.mean).toBeGreaterThan(low.mean);
    await expect(workloadForecast(user, 0.99, now)).rejects.toMatchObject({ key: "retentionRange" });
  });
});

describe("settings", () => {
  it("retention and the review cap are checked and saving the same value writes nothing", async () => {
    const { user } = await createActiveUser();
    expect(await setDesiredRetention(user, 0.93)).toBe(0.93);
    const stamp = (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).updatedAt;
    await new Promise((r) => setTimeout(r, 5));
    expect(await setDesiredRetention(user, 0.93)).toBe(0.93);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).updatedAt).toEqual(stamp);
    await expect(setDesiredRetention(user, 0.6)).rejects.toMatchObject({ key: "retentionRange" });
    await expect(setDesiredRetention(user, 0.98)).rejects.toMatchObject({ key: "retentionRange" });
    expect(await setReviewsPerDay(user, 2)).toBe(2);
    await expect(setReviewsPerDay(user, -1)).rejects.toMatchObject({ key: "reviewsRange" });
  });

  it("the daily review cap holds back the newest due reviews; /review and the count agree", async () => {
    const { user } = await createActiveUser();
    const day0 = new Date("2026-04-01T09:00:00Z");
    for (let i = 0; i < 4; i++) await gradeCard(user, card(i), 5, new Date(day0.getTime() + i * 1000));
    await setReviewsPerDay(user, 2);
    await t.db.user.update({ where: { id: user.id }, data: { newCardsPerDay: 0 } });
    const next = new Date("2026-04-02T10:00:00Z");
    const session = await loadReviewSession(user, {}, next);
    expect(session!.cards.map((c) => c.id)).toEqual([card(0), card(1)]);
    expect(session!.reviewsHeld).toBe(2);
    expect(session!.due).toMatchObject({ total: 2, reviews: 2 });
  });

  it("new students get MINIPORTAL_SCHEDULER", async () => {
    process.env.MINIPORTAL_SCHEDULER = "fsrs";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    try {
      const s = await createActiveUser();
      expect((await t.db.user.findUniqueOrThrow({ where: { id: s.id } })).scheduler).toBe("fsrs");
    } finally {
      process.env.MINIPORTAL_SCHEDULER = "sm2";
      resetEnvCache();
    }
  });
});

describe("card browser", () => {
  it("finds cards by text, filters by state, suspends (out of sessions and counts) and unsuspends", async () => {
    const { browseCards, cardHistory, setSuspended } = await import("@/lib/review/card-browser");
    const { user } = await createActiveUser();
    const now = new Date("2026-04-01T09:00:00Z");
    await gradeCard(user, card(0), 5, now);
    const all = await browseCards(user, {}, "en", now);
    expect(all.rows.length).toBe(all.total);
    const some = all.rows.find((r) => r.id === card(1))!;
    const word = some.front.split(/\W+/).find((w) => w.length > 4)!;
    const found = await browseCards(user, { q: word.toUpperCase() }, "en", now);
    expect(found.rows.map((r) => r.id)).toContain(card(1));
    expect((await browseCards(user, { state: "due" }, "en", now)).rows).toHaveLength(0);

    await t.db.user.update({ where: { id: user.id }, data: { newCardsPerDay: 500 } });
    const before = await loadReviewSession(user, {}, now);
    await setSuspended(user, card(1), true, now); // a new card
    await setSuspended(user, card(0), true, now); // a reviewed one
    const suspended = await browseCards(user, { state: "suspended" }, "en", now);
    expect(suspended.rows.map((r) => r.id).sort()).toEqual([card(0), card(1)].sort());
    const after = await loadReviewSession(user, {}, now);
    expect(after!.cards.map((c) => c.id)).not.toContain(card(1));
    expect(after!.due.total).toBe(before!.due.total - 1);
    await expect(gradeCard(user, card(1), 5, now)).rejects.toMatchObject({ key: "cardSuspended" });

    await setSuspended(user, card(1), false, now);
    expect(
      await t.db.reviewState.findUnique({ where: { userId_cardId: { userId: user.id, cardId: card(1) } } }),
    ).toBeNull();
    await setSuspended(user, card(0), false, now);
    expect((await stateOf(user.id, card(0))).suspendedAt).toBeNull();
    const history = await cardHistory(user, card(0), "en");
    expect(history!.logs).toHaveLength(1);
    expect(history!.logs[0]).toMatchObject({ grade: 5, rating: 4, scheduler: "sm2" });
  });
});
