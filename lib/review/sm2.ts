// SuperMemo 2 (P. A. Wozniak, 1990), as a pure function of (state, grade).
//
// Choices, following the published algorithm and the course spec:
// - A new item has easiness 2.5, 0 repetitions and interval 0 (never scheduled).
// - Grades are integers 0..5. Anything else (3.5, -1, 6, NaN, "4") is rejected
//   with InvalidGradeError rather than clamped: a bad grade is a caller bug.
// - q >= 3 is a success: repetitions + 1; the interval is 1 day after the first
//   success, 6 after the second, then ceil(previous interval × easiness), where
//   easiness is the value from BEFORE this grade (Wozniak computes I(n) with the
//   EF of the previous repetition). ceil is done on exact hundredths, so
//   10 × 1.3 is 13, not 14 through floating-point noise.
// - q < 3 is a failure: repetitions back to 0, interval 1 day.
// - After every grade (failures included, as the spec asks; Wozniak's paper keeps
//   EF on failure, this course does not):
//   easiness := max(1.3, easiness + 0.1 − (5−q)(0.08 + (5−q)·0.02)), rounded to 2 decimals.
// - Due date = review day + interval (dueDate below). Re-drills inside a session
//   (grades < 4 come back until they score >= 4) never call nextSm2: they do not
//   change the schedule. See lib/review/grading.ts.

import { localMidnightAfter } from "../time/zones";

export type Sm2State = { repetitions: number; easiness: number; intervalDays: number };
export type Grade = 0 | 1 | 2 | 3 | 4 | 5;

export const NEW_ITEM: Readonly<Sm2State> = Object.freeze({ repetitions: 0, easiness: 2.5, intervalDays: 0 });
export const MIN_EASINESS = 1.3;
/** A grade below this sends the card back into the current session. */
export const REDRILL_BELOW = 4;

export class InvalidGradeError extends RangeError {
  constructor(grade: unknown) {
    super(`SM-2 grades are integers from 0 to 5 (got ${typeof grade === "number" ? grade : typeof grade})`);
    this.name = "InvalidGradeError";
  }
}

export function isGrade(value: unknown): value is Grade {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 5;
}

const roundTo2 = (x: number) => Math.round(x * 100) / 100;

export function nextSm2(state: Sm2State, grade: number): Sm2State {
  if (!isGrade(grade)) throw new InvalidGradeError(grade);
  if (
    !Number.isInteger(state.repetitions) ||
    state.repetitions < 0 ||
    !Number.isInteger(state.intervalDays) ||
    state.intervalDays < 0 ||
    !(state.easiness >= MIN_EASINESS)
  ) {
    throw new RangeError("invalid SM-2 state");
  }
  const miss = 5 - grade;
  const easiness = Math.max(MIN_EASINESS, roundTo2(state.easiness + 0.1 - miss * (0.08 + miss * 0.02)));
  if (grade < 3) return { repetitions: 0, easiness, intervalDays: 1 };

  const repetitions = state.repetitions + 1;
  let intervalDays: number;
  if (repetitions === 1) intervalDays = 1;
  else if (repetitions === 2) intervalDays = 6;
  // Integer hundredths keep the product exact before rounding up.
  else intervalDays = Math.ceil((state.intervalDays * Math.round(state.easiness * 100)) / 100);
  return { repetitions, easiness, intervalDays };
}

/** The due date: the local midnight `intervalDays` review days after the review day, in the student's zone. */
export function dueDate(reviewedAt: Date, intervalDays: number, zone = "UTC"): Date {
  return localMidnightAfter(zone, reviewedAt, intervalDays);
}
