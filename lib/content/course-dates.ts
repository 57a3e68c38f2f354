// Phase dates from course.yaml, checked and kept as the author wrote them:
//
//   phases:
//     1: { opensAt: 2027-01-11, dueAt: 2027-01-24 }
//     2: { dueAt: "2027-02-07T18:00" }
//
// A day means the whole day (opens at its start, due at its end), a date and
// time without an offset is a time in the cohort's zone (MINIPORTAL_TIMEZONE),
// and one with an offset ("Z", "+01:00") is that moment. They become moments
// at import (resolveCourseMoment), so a change of zone applies at the next start.
import { z } from "zod";
import { WALL_TIME, wallTimeToDate } from "../time/wall-time";
import { localMidnightAfter, startOfLocalDate } from "../time/zones";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXACT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function isRealDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** One written date: a day, a local date and time, or an exact moment. YAML 1.1 dates arrive as Date objects. */
export const courseMoment = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z
    .string()
    .refine(
      (v) =>
        (isRealDay(v) ||
          wallTimeToDate(v, "UTC") !== null ||
          (EXACT.test(v) && isRealDay(v.slice(0, 10)) && !Number.isNaN(Date.parse(v)))),
      'must be a day ("2027-01-24"), a time in the cohort\'s zone ("2027-01-24T18:00") or a moment with its offset ("2027-01-24T18:00:00Z")',
    ),
);

export const phaseDates = z.strictObject({ opensAt: courseMoment.optional(), dueAt: courseMoment.optional() });
export type PhaseDates = z.infer<typeof phaseDates>;

export const courseFile = z.object({
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  phases: z.record(z.string().regex(/^[1-9]\d?$/, "phase keys are phase numbers (1–99)"), phaseDates).optional(),
});

/**
 * The moment a written date stands for in `zone`. `edge` says which end of a
 * whole day: an opening is its first moment, a due date its last minute (23:59).
 */
export function resolveCourseMoment(written: string, zone: string, edge: "start" | "end"): Date {
  if (isRealDay(written))
    return edge === "start"
      ? startOfLocalDate(zone, written)
      : new Date(localMidnightAfter(zone, startOfLocalDate(zone, written), 1).getTime() - 60_000);
  if (WALL_TIME.test(written)) return wallTimeToDate(written, zone) ?? new Date(Number.NaN);
  return new Date(written);
}
