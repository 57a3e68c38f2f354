// The rows one student's dashboard is computed from, kept per worker while the
// student's data is unchanged (lib/db/kept-per-student.ts: the triggers cover their
// review states, grades, notes, exam attempts, daily limits and desired retention).
// What depends on the clock (what is due, today's budget, re-drills) is still computed
// per request from these rows; the 30-day retention is kept only while the oldest
// review it counts is still in its window.
import "server-only";
import { db } from "../db/client";
import { keptPerStudent } from "../db/kept-per-student";
import { BUDGET_LOOKBACK_MS, type BudgetSettings } from "../review/daily-new-cards";
import { type RecentGrade, recentGradeLogs } from "../review/recent-grades";
import { type RecentRetention, recentRetention } from "../review/recent-retention";
import { reviewCountsByDay } from "./review-days";

export type StudentRows = {
  states: { cardId: string; dueAt: Date; repetitions: number; suspendedAt: Date | null }[];
  notes: { phaseId: string; updatedAt: Date; sizeBytes: number }[];
  examBest: { phaseId: string; _max: { score: number | null }; _count: { _all: number } }[];
  recentExams: {
    id: string;
    submittedAt: Date;
    score: number;
    passed: boolean;
    phase: { id: string; number: number; title: string };
  }[];
  /** Reviews per local day since the heatmap's first day. */
  perDay: Map<string, number>;
  settings: (NonNullable<BudgetSettings> & { desiredRetention: number }) | null;
  /** Retention over the 30 days before the read (exact while `now` ≤ exactUntil). */
  retention: RecentRetention;
  /** Non-undone grades from BUDGET_LOOKBACK_MS before the read on, oldest first. */
  recentLogs: RecentGrade[];
};

async function readRows(studentId: string, since: Date, zone: string, now: Date): Promise<StudentRows> {
  const client = db();
  const [states, notes, examBest, recentExams, perDay, settings, recentLogs, retention] = await Promise.all([
    // Only live cards count; the course snapshot lists exactly those, so the
    // states need no join with Card (states of retired cards are never looked up).
    client.reviewState.findMany({
      where: { userId: studentId },
      select: { cardId: true, dueAt: true, repetitions: true, suspendedAt: true },
    }),
    client.note.findMany({ where: { userId: studentId }, select: { phaseId: true, updatedAt: true, sizeBytes: true } }),
    client.examAttempt.groupBy({
      by: ["phaseId"],
      where: { userId: studentId },
      _max: { score: true },
      _count: { _all: true },
    }),
    client.examAttempt.findMany({
      where: { userId: studentId },
      orderBy: { submittedAt: "desc" },
      take: 5,
      select: {
        id: true,
        submittedAt: true,
        score: true,
        passed: true,
        phase: { select: { id: true, number: true, title: true } },
      },
    }),
    reviewCountsByDay(studentId, since, zone),
    client.user.findUnique({
      where: { id: studentId },
      select: { newCardsPerDay: true, reviewsPerDay: true, timeZone: true, desiredRetention: true },
    }),
    recentGradeLogs(studentId, now, BUDGET_LOOKBACK_MS),
    recentRetention(studentId, now),
  ]);
  return { states, notes, examBest, recentExams, perDay, settings, recentLogs, retention };
}

/** Students whose rows a worker keeps; the least recently used go first. */
const kept = keptPerStudent<StudentRows>({
  max: 2000,
  // Kept rows cover a later `now` too (the grade window only moves forward), never an
  // earlier one, nor one by which a review counted in the retention has left its window.
  coversNow: (rows, now) => !rows.retention.exactUntil || now <= rows.retention.exactUntil.getTime(),
});

/**
 * The student's rows as of this request (read-only: they may be shared with later
 * requests). `since`/`zone`: the heatmap's first day and the student's zone.
 */
export function studentRows(studentId: string, since: Date, zone: string, now: Date): Promise<StudentRows> {
  return kept.read(studentId, `${zone}|${since.toISOString()}`, now, () => readRows(studentId, since, zone, now));
}
