// What a review session is computed from (the student's card states, their grades of
// the last 25 hours, their scheduling: limits, zone, scheduler, FSRS weights), kept per
// worker while the student's data and the cohort's FSRS parameters are unchanged
// (lib/db/kept-per-student.ts; the triggers cover states, grades, the user's scheduling
// columns and every FsrsParameters row). What is due is still computed per request.
import "server-only";
import { db } from "../db/client";
import { keptPerStudent } from "../db/kept-per-student";
import { BUDGET_LOOKBACK_MS } from "./daily-new-cards";
import { COHORT_SCOPE, studentScheduling } from "./fsrs-settings";
import { recentGradeLogs } from "./recent-grades";

async function readRows(studentId: string, now: Date) {
  const [states, recent, settings] = await Promise.all([
    db().reviewState.findMany({ where: { userId: studentId } }),
    recentGradeLogs(studentId, now, BUDGET_LOOKBACK_MS),
    studentScheduling(studentId),
  ]);
  return { states, recent, settings };
}

export type ReviewRows = Awaited<ReturnType<typeof readRows>>;

// Kept rows cover a later `now` too (the grade window only moves forward), never an earlier
// one. Whole state rows, about 60 KB a student for a course of 140 cards: 500 students.
const kept = keptPerStudent<ReviewRows>({ max: 500 });

/** The student's rows as of `now` (read-only: they may be shared with later requests). */
export function reviewRows(studentId: string, now: Date): Promise<ReviewRows> {
  return kept.read(studentId, "", now, () => readRows(studentId, now), [COHORT_SCOPE]);
}
