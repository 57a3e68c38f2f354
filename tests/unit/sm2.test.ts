import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dueDate, InvalidGradeError, MIN_EASINESS, NEW_ITEM, nextSm2, type Sm2State } from "@/lib/review/sm2";

const chain = (grades: number[], start: Sm2State = NEW_ITEM) => grades.reduce<Sm2State>((s, g) => nextSm2(s, g), start);

describe("SM-2 (Wozniak)", () => {
  it("starts a new item at easiness 2.5 with 0 repetitions", () => {
    expect(NEW_ITEM).toEqual({ repetitions: 0, easiness: 2.5, intervalDays: 0 });
  });

  it("schedules 1 day, then 6 days, then ceil(previous interval × previous easiness)", () => {
    const first = nextSm2(NEW_ITEM, 4);
    expect(first).toEqual({ repetitions: 1, easiness: 2.5, intervalDays: 1 });
    const second = nextSm2(first, 4);
    expect(second).toEqual({ repetitions: 2, easiness: 2.5, intervalDays: 6 });
    const third = nextSm2(second, 4);
    expect(third).toEqual({ repetitions: 3, easiness: 2.5, intervalDays: 15 });
    // Grade 5 raises easiness, but the interval uses the easiness from before the grade.
    const fourth = nextSm2(third, 5);
    expect(fourth).toEqual({ repetitions: 4, easiness: 2.6, intervalDays: Math.ceil(15 * 2.5) });
    expect(fourth.intervalDays).toBe(38);
  });

  it("rounds the interval up", () => {
    // 6 × 2.36 = 14.16 → 15
    expect(nextSm2({ repetitions: 2, easiness: 2.36, intervalDays: 6 }, 4).intervalDays).toBe(15);
    // exact products stay exact despite binary fractions: 10 × 1.3 = 13, 100 × 1.1 never happens (floor 1.3)
    expect(nextSm2({ repetitions: 5, easiness: 1.3, intervalDays: 10 }, 3).intervalDays).toBe(13);
    expect(nextSm2({ repetitions: 5, easiness: 2.7, intervalDays: 10 }, 5).intervalDays).toBe(27);
  });

  it("updates easiness by the SM-2 formula, rounded to 2 decimals", () => {
    expect(nextSm2(NEW_ITEM, 5).easiness).toBe(2.6);
    expect(nextSm2(NEW_ITEM, 4).easiness).toBe(2.5);
    expect(nextSm2(NEW_ITEM, 3).easiness).toBe(2.36);
    expect(nextSm2(NEW_ITEM, 2).easiness).toBe(2.18);
    expect(nextSm2(NEW_ITEM, 1).easiness).toBe(1.96);
    expect(nextSm2(NEW_ITEM, 0).easiness).toBe(1.7);
    expect(nextSm2({ repetitions: 3, easiness: 2.36, intervalDays: 15 }, 3).easiness).toBe(2.22);
  });

  it("never lets easiness fall below 1.3", () => {
    expect(nextSm2({ repetitions: 0, easiness: 1.4, intervalDays: 1 }, 0).easiness).toBe(MIN_EASINESS);
    expect(chain([0, 0, 0, 0, 0, 0]).easiness).toBe(1.3);
    expect(nextSm2({ repetitions: 4, easiness: 1.3, intervalDays: 20 }, 3).easiness).toBe(1.3);
  });

  it("resets repetitions and the interval on a failure, and still lowers easiness", () => {
    const learned = chain([5, 5, 5, 5]);
    expect(learned.repetitions).toBe(4);
    const failed = nextSm2(learned, 2);
    expect(failed).toEqual({
      repetitions: 0,
      easiness: Math.round((learned.easiness - 0.32) * 100) / 100,
      intervalDays: 1,
    });
    // After a failure the item climbs 1, 6, ... again.
    expect(nextSm2(failed, 4).intervalDays).toBe(1);
    expect(chain([4, 4], failed).intervalDays).toBe(6);
  });

  it("follows a long chain exactly", () => {
    const states: Sm2State[] = [];
    let s: Sm2State = NEW_ITEM;
    for (const g of [5, 4, 3, 5, 2, 4, 5, 5, 3, 4]) states.push((s = nextSm2(s, g)));
    expect(states).toEqual([
      { repetitions: 1, easiness: 2.6, intervalDays: 1 },
      { repetitions: 2, easiness: 2.6, intervalDays: 6 },
      { repetitions: 3, easiness: 2.46, intervalDays: 16 }, // ceil(6 × 2.6 = 15.6)
      { repetitions: 4, easiness: 2.56, intervalDays: 40 }, // ceil(16 × 2.46 = 39.36)
      { repetitions: 0, easiness: 2.24, intervalDays: 1 },
      { repetitions: 1, easiness: 2.24, intervalDays: 1 },
      { repetitions: 2, easiness: 2.34, intervalDays: 6 },
      { repetitions: 3, easiness: 2.44, intervalDays: 15 }, // ceil(6 × 2.34 = 14.04)
      { repetitions: 4, easiness: 2.3, intervalDays: 37 }, // ceil(15 × 2.44 = 36.6)
      { repetitions: 5, easiness: 2.3, intervalDays: 86 }, // ceil(37 × 2.3 = 85.1)
    ]);
  });

  it("rejects invalid grades", () => {
    for (const bad of [-1, 6, 3.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => nextSm2(NEW_ITEM, bad)).toThrow(InvalidGradeError);
    }
    expect(() => nextSm2(NEW_ITEM, "4" as unknown as number)).toThrow(InvalidGradeError);
  });

  it("keeps invariants for any chain of valid grades", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }), (grades) => {
        let s: Sm2State = NEW_ITEM;
        for (const g of grades) {
          const next = nextSm2(s, g);
          expect(next.easiness).toBeGreaterThanOrEqual(1.3);
          expect(Math.round(next.easiness * 100) / 100).toBe(next.easiness);
          expect(Number.isInteger(next.intervalDays) && next.intervalDays >= 1).toBe(true);
          if (g < 3) expect(next).toMatchObject({ repetitions: 0, intervalDays: 1 });
          else expect(next.repetitions).toBe(s.repetitions + 1);
          s = next;
        }
      }),
    );
  });

  it("puts the due date at the review day plus the interval (UTC days)", () => {
    expect(dueDate(new Date("2026-03-14T21:45:00Z"), 1).toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(dueDate(new Date("2026-03-14T00:00:00Z"), 6).toISOString()).toBe("2026-03-20T00:00:00.000Z");
  });

  it("counts review days in the student's zone: local midnight, across daylight saving", () => {
    // 15:45 and 21:00 in Mexico City (UTC−6) are both 14 March there: due at its midnight of the 15th.
    expect(dueDate(new Date("2026-03-14T21:45:00Z"), 1, "America/Mexico_City").toISOString()).toBe(
      "2026-03-15T06:00:00.000Z",
    );
    expect(dueDate(new Date("2026-03-15T03:00:00Z"), 1, "America/Mexico_City").toISOString()).toBe(
      "2026-03-15T06:00:00.000Z",
    );
    // Madrid moves to summer time in the night of 29 March: midnight is 23:00 UTC before, 22:00 UTC after.
    expect(dueDate(new Date("2026-03-28T10:00:00Z"), 1, "Europe/Madrid").toISOString()).toBe(
      "2026-03-28T23:00:00.000Z",
    );
    expect(dueDate(new Date("2026-03-28T10:00:00Z"), 2, "Europe/Madrid").toISOString()).toBe(
      "2026-03-29T22:00:00.000Z",
    );
  });
});
