// The two answer scales and the one mapping between them. SM-2 grades 0–5, FSRS
// rates 1–4 (Again, Hard, Good, Easy). Every ReviewLog row keeps both, so either
// scheduler can replay a history written under the other. Pure.
//
//   SM-2 grade  0 1 2 | 3    | 4    | 5
//   FSRS rating   1   | 2    | 3    | 4
//                Again | Hard | Good | Easy
//
// An FSRS rating is stored with the SM-2 grade it stands for: Again 1, Hard 3,
// Good 4, Easy 5. So "below 4" (the re-drill rule) means Again or Hard under both.
export type Scheduler = "sm2" | "fsrs";
export const SCHEDULERS: readonly Scheduler[] = ["sm2", "fsrs"];
export type FsrsRating = 1 | 2 | 3 | 4;
export const FSRS_RATINGS: readonly FsrsRating[] = [1, 2, 3, 4];

export function isScheduler(value: unknown): value is Scheduler {
  return value === "sm2" || value === "fsrs";
}

export function isRating(value: unknown): value is FsrsRating {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 4;
}

/** The FSRS rating an SM-2 grade maps to. */
export function ratingOfGrade(grade: number): FsrsRating {
  if (!Number.isInteger(grade) || grade < 0 || grade > 5) throw new RangeError(`not an SM-2 grade: ${grade}`);
  if (grade <= 2) return 1;
  if (grade === 3) return 2;
  if (grade === 4) return 3;
  return 4;
}

/** The SM-2 grade an FSRS rating is logged with. */
export function gradeOfRating(rating: number): number {
  if (!isRating(rating)) throw new RangeError(`not an FSRS rating: ${rating}`);
  return [1, 3, 4, 5][rating - 1]!;
}

/** An answer on the student's own scale, as both columns of its log row. */
export function bothScales(scheduler: Scheduler, answer: number): { grade: number; rating: FsrsRating } {
  return scheduler === "fsrs"
    ? { grade: gradeOfRating(answer), rating: answer as FsrsRating }
    : { grade: answer, rating: ratingOfGrade(answer) };
}

/** Whether an answer is on the scheduler's scale (0–5 for SM-2, 1–4 for FSRS). */
export function isAnswer(scheduler: Scheduler, answer: unknown): answer is number {
  return scheduler === "fsrs"
    ? isRating(answer)
    : typeof answer === "number" && Number.isInteger(answer) && answer >= 0 && answer <= 5;
}

/** Desired retention bounds (docs/review.md). */
export const RETENTION_MIN = 0.7;
export const RETENTION_MAX = 0.97;
export const RETENTION_DEFAULT = 0.9;

export function isRetention(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= RETENTION_MIN - 1e-9 &&
    value <= RETENTION_MAX + 1e-9
  );
}
