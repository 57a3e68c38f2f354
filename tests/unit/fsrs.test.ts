// FSRS beside SM-2: the rating mapping, replay, the overdue spreading rule, the
// simulator and the benchmark's metrics (all pure).
import { describe, expect, it } from "vitest";
import { default_w } from "ts-fsrs";
import { bothScales, gradeOfRating, isAnswer, isRetention, ratingOfGrade } from "@/lib/review/rating";
import {
  type LoggedReview,
  nextFsrs,
  previewIntervals,
  replayFsrs,
  replaySm2,
  retrievability,
  spreadOverdue,
} from "@/lib/review/fsrs";
import { nextSm2, NEW_ITEM } from "@/lib/review/sm2";
import { meanPerDay, simulateWorkload } from "@/lib/review/simulate";
import { auc, logLoss, rmseBins, sm2Recall } from "@/lib/review/metrics";

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

describe("rating mapping", () => {
  it("maps every SM-2 grade to one FSRS rating and every rating back to a grade on the same side of 4", () => {
    expect([0, 1, 2, 3, 4, 5].map(ratingOfGrade)).toEqual([1, 1, 1, 2, 3, 4]);
    expect([1, 2, 3, 4].map(gradeOfRating)).toEqual([1, 3, 4, 5]);
    for (const r of [1, 2, 3, 4]) expect(ratingOfGrade(gradeOfRating(r))).toBe(r);
    // The re-drill rule (grade below 4) is Again or Hard under FSRS.
    expect([1, 2, 3, 4].filter((r) => gradeOfRating(r) < 4)).toEqual([1, 2]);
  });

  it("reads an answer on the student's scale only", () => {
    expect(bothScales("sm2", 2)).toEqual({ grade: 2, rating: 1 });
    expect(bothScales("fsrs", 2)).toEqual({ grade: 3, rating: 2 });
    expect(isAnswer("fsrs", 0)).toBe(false);
    expect(isAnswer("fsrs", 5)).toBe(false);
    expect(isAnswer("sm2", 0)).toBe(true);
    expect(isAnswer("sm2", 6)).toBe(false);
    expect(isAnswer("fsrs", 2.5)).toBe(false);
    expect(() => ratingOfGrade(6)).toThrow(RangeError);
    expect(() => gradeOfRating(0)).toThrow(RangeError);
  });

  it("bounds the desired retention to 0.70-0.97", () => {
    expect([0.69, 0.7, 0.9, 0.97, 0.98, Number.NaN].map(isRetention)).toEqual([false, true, true, true, false, false]);
  });
});

describe("FSRS scheduling", () => {
  it("gives whole-day intervals that grow with the answer, from the UTC review day", () => {
    const now = at("2026-03-01T10:00:00Z");
    const p = previewIntervals(null, now);
    expect(p[1]).toBeLessThanOrEqual(p[2]);
    expect(p[2]).toBeLessThanOrEqual(p[3]);
    expect(p[3]).toBeLessThan(p[4]);
    const m = nextFsrs(null, 3, now);
    expect(m.dueAt).toEqual(new Date(Date.UTC(2026, 2, 1) + m.intervalDays * DAY));
    expect(m.stability).toBeGreaterThan(0);
    expect(m.repetitions).toBe(1);
    const failed = nextFsrs(m, 1, new Date(m.dueAt.getTime() + 3600_000));
    expect(failed).toMatchObject({ repetitions: 0, lapses: 1 });
    expect(failed.stability!).toBeLessThan(m.stability!);
  });

  it("a higher retention gives shorter intervals", () => {
    const now = at("2026-03-01T10:00:00Z");
    const m = nextFsrs(null, 3, now);
    const later = new Date(m.dueAt.getTime() + 3600_000);
    const low = previewIntervals(m, later, { weights: [...(default_w as number[])], retention: 0.8 });
    const high = previewIntervals(m, later, { weights: [...(default_w as number[])], retention: 0.95 });
    expect(high[3]).toBeLessThan(low[3]);
  });
});

describe("replay", () => {
  const log = (cardId: string, iso: string, grade: number, extra: Partial<LoggedReview> = {}): LoggedReview => ({
    cardId,
    reviewedAt: at(iso),
    grade,
    rating: ratingOfGrade(grade),
    redrill: false,
    undoneAt: null,
    ...extra,
  });
  const history = [
    log("a", "2026-03-01T09:00:00Z", 5),
    log("b", "2026-03-01T09:01:00Z", 2),
    log("b", "2026-03-01T09:05:00Z", 4, { redrill: true }),
    log("a", "2026-03-02T09:00:00Z", 4),
    log("a", "2026-03-08T09:00:00Z", 1, { undoneAt: at("2026-03-08T09:00:05Z") }),
    log("b", "2026-03-02T09:00:00Z", 4),
    log("a", "2026-03-08T09:00:10Z", 4),
  ];

  it("goes through FSRS in time order, skipping re-drills and undone grades", () => {
    const shuffled = [...history].reverse();
    const replayed = replayFsrs(shuffled);
    let a = nextFsrs(null, 4, at("2026-03-01T09:00:00Z"));
    a = nextFsrs(a, 3, at("2026-03-02T09:00:00Z"));
    a = nextFsrs(a, 3, at("2026-03-08T09:00:10Z"));
    expect(replayed.get("a")).toEqual(a);
    let b = nextFsrs(null, 1, at("2026-03-01T09:01:00Z"));
    b = nextFsrs(b, 3, at("2026-03-02T09:00:00Z"));
    expect(replayed.get("b")).toEqual(b);
    expect(replayed.get("b")!.lapses).toBe(0); // a first Again is not a lapse
  });

  it("back to SM-2 gives exactly the SM-2 state the grades made", () => {
    const replayed = replaySm2(history);
    let a = nextSm2({ ...NEW_ITEM }, 5);
    a = nextSm2(a, 4);
    a = nextSm2(a, 4);
    expect(replayed.get("a")).toMatchObject({ ...a, dueAt: new Date(Date.UTC(2026, 2, 8) + a.intervalDays * DAY) });
    expect(replayed.get("a")!.stability).toBe(replayFsrs(history).get("a")!.stability);
  });
});

describe("spreading overdue cards", () => {
  const now = at("2026-05-10T15:00:00Z");
  const today = Date.UTC(2026, 4, 10);
  it("leaves cards due today or later alone and deals the overdue ones over 7 days, least retrievable first", () => {
    const cards = [
      ...Array.from({ length: 20 }, (_, i) => ({
        cardId: `o${String(i).padStart(2, "0")}`,
        dueAt: new Date(today - (i + 1) * DAY),
        retrievability: 0.5 + i / 100,
      })),
      { cardId: "today", dueAt: new Date(today), retrievability: 0.9 },
      { cardId: "later", dueAt: new Date(today + 3 * DAY), retrievability: 0.95 },
    ];
    const moved = spreadOverdue(cards, now);
    expect(moved.has("today")).toBe(false);
    expect(moved.has("later")).toBe(false);
    expect(moved.size).toBe(20);
    const perDay = new Map<number, number>();
    for (const d of moved.values()) perDay.set(d.getTime(), (perDay.get(d.getTime()) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(3); // ceil(20 / 7)
    expect(Math.min(...[...moved.values()].map((d) => d.getTime()))).toBe(today);
    expect(Math.max(...[...moved.values()].map((d) => d.getTime()))).toBe(today + 6 * DAY);
    // The least retrievable (o00, 0.50) comes first, today.
    expect(moved.get("o00")!.getTime()).toBe(today);
    expect(moved.get("o19")!.getTime()).toBe(today + 6 * DAY);
  });
  it("a small backlog stays today", () => {
    const moved = spreadOverdue([{ cardId: "x", dueAt: new Date(today - DAY), retrievability: 0.7 }], now);
    expect(moved.get("x")!.getTime()).toBe(today);
  });
});

describe("workload simulation", () => {
  const now = at("2026-05-10T08:00:00Z");
  const cards = Array.from({ length: 30 }, (_, i) => nextFsrs(null, 3, new Date(now.getTime() - (i % 5) * DAY)));
  it("is deterministic, 30 days long, and costs more at a higher retention", () => {
    const run = (retention: number) =>
      simulateWorkload({ cards, newCards: 20, newPerDay: 5, settings: { weights: default_w, retention }, now });
    const a = run(0.9);
    expect(a).toHaveLength(30);
    expect(run(0.9)).toEqual(a);
    expect(meanPerDay(run(0.97))).toBeGreaterThan(meanPerDay(run(0.8)));
  }, 30_000); // pure CPU: 5 s ran out on a machine running CI at a third of its usual speed
  it("retrievability falls with time", () => {
    const m = nextFsrs(null, 3, now);
    expect(retrievability(m, now)).toBe(1);
    expect(retrievability(m, new Date(now.getTime() + 10 * DAY))).toBeLessThan(
      retrievability(m, new Date(now.getTime() + DAY)),
    );
  });
});

describe("metrics", () => {
  it("log-loss, RMSE over bins and AUC on known cases", () => {
    const perfect = [
      { p: 0.99, y: 1 as const },
      { p: 0.01, y: 0 as const },
    ];
    expect(logLoss(perfect)).toBeCloseTo(-Math.log(0.99), 6);
    expect(auc(perfect)).toBe(1);
    expect(
      auc([
        { p: 0.2, y: 1 },
        { p: 0.8, y: 0 },
      ]),
    ).toBe(0);
    expect(
      auc([
        { p: 0.5, y: 1 },
        { p: 0.5, y: 0 },
      ]),
    ).toBe(0.5);
    expect(Number.isNaN(auc([{ p: 0.5, y: 1 }]))).toBe(true);
    expect(logLoss([{ p: 0.5, y: 1 }])).toBeCloseTo(Math.log(2), 9);
    // Calibrated bins: 10 predictions of 0.7 with 7 recalled → 0.
    const calibrated = Array.from({ length: 10 }, (_, i) => ({ p: 0.7, y: (i < 7 ? 1 : 0) as 0 | 1 }));
    expect(rmseBins(calibrated)).toBeCloseTo(0, 9);
    const off = Array.from({ length: 10 }, () => ({ p: 0.7, y: 1 as const }));
    expect(rmseBins(off)).toBeCloseTo(0.3, 9);
    expect(sm2Recall(6, 6)).toBeCloseTo(0.9, 9);
    expect(sm2Recall(0, 6)).toBe(1);
  });
});

describe("card browser states and order", () => {
  it("classifies and sorts", async () => {
    const { cardState, sortRows } = await import("@/lib/review/card-state");
    const now = at("2026-05-10T12:00:00Z");
    const base = { lastReviewedAt: at("2026-05-01T00:00:00Z"), repetitions: 2, fsrsState: 2, suspendedAt: null };
    expect(cardState(null, now)).toBe("new");
    expect(cardState({ ...base, dueAt: at("2026-05-09T00:00:00Z") }, now)).toBe("overdue");
    expect(cardState({ ...base, dueAt: at("2026-05-10T00:00:00Z") }, now)).toBe("due");
    expect(cardState({ ...base, dueAt: at("2026-05-12T00:00:00Z") }, now)).toBe("review");
    expect(cardState({ ...base, repetitions: 0, dueAt: at("2026-05-12T00:00:00Z") }, now)).toBe("learning");
    expect(cardState({ ...base, dueAt: at("2026-05-09T00:00:00Z"), suspendedAt: now }, now)).toBe("suspended");
    const rows = [
      { id: "a", dueAt: null, difficulty: null, lapses: 0, order: 0 },
      { id: "b", dueAt: at("2026-05-12T00:00:00Z"), difficulty: 3, lapses: 2, order: 1 },
      { id: "c", dueAt: at("2026-05-11T00:00:00Z"), difficulty: 7, lapses: 1, order: 2 },
    ];
    expect(sortRows(rows, "due").map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "difficulty").map((r) => r.id)).toEqual(["c", "b", "a"]);
    expect(sortRows(rows, "lapses").map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
});
