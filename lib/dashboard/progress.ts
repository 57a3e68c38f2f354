// Everything /me shows, from a handful of indexed queries per student that a
// worker keeps while the student's data is unchanged (./student-rows.ts; the /me
// p99 budget is 200 ms with 50 students' full histories; see docs/review.md).
// Days are the student's local days (lib/time/user-zone.ts). No journal text is read here: only whether a note exists
// and when it changed, so admins can see the same progress without contents.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { type PhaseSchedule, phaseSchedule } from "../content/phase-schedule";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { studentRows } from "./student-rows";
import { budgetFrom } from "../review/daily-new-cards";
import { type DueCount, countDue } from "../review/due-count";
import { latestGrades } from "../review/recent-grades";
import { RETENTION_DEFAULT } from "../review/rating";
import { localDay, plusDays, startOfLocalDate } from "../time/zones";

export const FORECAST_DAYS = 14;
export const HEATMAP_WEEKS = 26;
const DAY_MS = 86_400_000;

export type PhaseProgress = {
  number: number;
  title: string;
  /** The language of `title` (English where the reader's language has no translation). */
  lang: Locale;
  cardCount: number;
  cardsLearned: number;
  journalWritten: boolean;
  journalUpdatedAt: Date | null;
  bestScore: number | null;
  attempts: number;
  passed: boolean;
  passMark: number;
  /** Its course.yaml dates and where the student stands against them. */
  schedule: PhaseSchedule;
};
/** `day`: a local calendar day, as the Date of its UTC midnight (format it with UTC fields: lib/dashboard/format.ts). */
export type DayCount = { day: Date; count: number };
export type Activity =
  | {
      kind: "exam";
      at: Date;
      phaseNumber: number;
      phaseTitle: string;
      score: number;
      passed: boolean;
      attemptId: string;
    }
  | { kind: "journal"; at: Date; phaseNumber: number; phaseTitle: string }
  | { kind: "reviews"; at: Date; count: number };
export type Dashboard = {
  phases: PhaseProgress[];
  /** due.total: what /review holds now (lib/review/due-count.ts, the one count both pages show). */
  dueToday: number;
  due: DueCount;
  newCards: number;
  reviewsToday: number;
  totalReviews: number;
  forecast: DayCount[];
  heatmap: DayCount[];
  recent: Activity[];
  /** Reviews of learned cards in the last 30 days, and how many were recalled. */
  retention30: { count: number; recalled: number };
  /** The retention the student asked the scheduler for (the workload simulator starts there). */
  desiredRetention: number;
};

/** The local calendar day of a moment in a zone, as the Date of that day's UTC midnight. */
function calendarDay(zone: string, at: Date): Date {
  return new Date(`${localDay(zone, at)}T00:00:00Z`);
}

/** The first day shown in the heatmap (a calendar day, see DayCount): a Monday, so columns are whole weeks ending this week. */
export function heatmapStart(now: Date, zone = "UTC"): Date {
  const today = calendarDay(zone, now);
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return new Date(today.getTime() - (sinceMonday + (HEATMAP_WEEKS - 1) * 7) * DAY_MS);
}

/** Which forecast day a due moment falls on: the local midnights that end each day, searched in order. */
function forecastOffset(ends: readonly number[], dueAt: number): number {
  let i = 0;
  while (i < ends.length && dueAt >= ends[i]!) i++;
  return i;
}

/** Progress of one student, phase titles in `locale`. Callers check access: see getMyDashboard and lib/admin/progress.ts. */
export async function studentDashboard(
  studentId: string,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
  zone = "UTC",
): Promise<Dashboard> {
  const today = calendarDay(zone, now);
  const since = heatmapStart(now, zone);
  const todayText = today.toISOString().slice(0, 10);
  // The moment each forecast day ends (its next local midnight), computed once rather than per card.
  const dayEnds = Array.from({ length: FORECAST_DAYS }, (_, i) =>
    startOfLocalDate(zone, plusDays(todayText, i + 1)).getTime(),
  );
  const [{ phases, byId }, rows] = await Promise.all([
    courseView(locale),
    studentRows(studentId, startOfLocalDate(zone, since.toISOString().slice(0, 10)), zone, now),
  ]);
  const { states, notes, examBest, recentExams, perDay } = rows;
  const budget = budgetFrom(
    rows.settings,
    rows.recentLogs.filter((l) => !l.redrill),
    now,
  );
  const lastGrade = latestGrades(rows.recentLogs, now);

  const stateByCard = new Map(states.map((s) => [s.cardId, s]));
  const noteByPhase = new Map(notes.map((n) => [n.phaseId, n]));
  const examByPhase = new Map(examBest.map((e) => [e.phaseId, e]));

  const forecast: DayCount[] = Array.from({ length: FORECAST_DAYS }, (_, i) => ({
    day: new Date(today.getTime() + i * DAY_MS),
    count: 0,
  }));
  let newCards = 0;
  const progress = phases.map((p) => {
    let learned = 0;
    for (const card of p.cards) {
      const state = stateByCard.get(card.id);
      if (!state) {
        newCards++;
        continue;
      }
      if (state.repetitions >= 1) learned++;
      if (state.suspendedAt) continue;
      if (state.dueAt.getTime() <= now.getTime()) continue; // due now: in today's count below
      const bucket = forecast[forecastOffset(dayEnds, state.dueAt.getTime())];
      if (bucket) bucket.count++;
    }
    const note = noteByPhase.get(p.id);
    const exam = examByPhase.get(p.id);
    const best = exam?._max.score ?? null;
    const passed = best !== null && best >= p.passMark - 1e-9;
    return {
      number: p.number,
      title: p.title,
      lang: p.lang,
      cardCount: p.cards.length,
      cardsLearned: learned,
      journalWritten: !!note && note.sizeBytes > 0,
      journalUpdatedAt: note?.updatedAt ?? null,
      bestScore: best,
      attempts: exam?._count._all ?? 0,
      passed,
      passMark: p.passMark,
      schedule: phaseSchedule(p, passed, now),
    };
  });
  // Today: what /review holds now (due cards, the new cards today's limit allows, re-drills).
  // Suspended cards are in no count (/review leaves them out the same way).
  const suspended = new Set(states.filter((s) => s.suspendedAt).map((s) => s.cardId));
  const due = countDue(
    phases.flatMap((p) => p.cards.map((c) => c.id)).filter((id) => !suspended.has(id)),
    new Map(states.filter((s) => !s.suspendedAt).map((s) => [s.cardId, s.dueAt])),
    lastGrade,
    budget.allowance,
    now,
    budget.reviewAllowance,
  );
  if (forecast[0]) forecast[0].count += due.total;

  const heatDays = Math.round((today.getTime() - since.getTime()) / DAY_MS) + 1;
  const heatmap: DayCount[] = Array.from({ length: heatDays }, (_, i) => {
    const day = new Date(since.getTime() + i * DAY_MS);
    return { day, count: perDay.get(day.toISOString().slice(0, 10)) ?? 0 };
  });

  const recent: Activity[] = [
    ...recentExams.map((e) => ({
      kind: "exam" as const,
      at: e.submittedAt,
      phaseNumber: e.phase.number,
      // A retired phase is not in the course view: its English title from the row.
      phaseTitle: byId.get(e.phase.id)?.title ?? e.phase.title,
      score: e.score,
      passed: e.passed,
      attemptId: e.id,
    })),
    ...notes.flatMap((n) => {
      const p = byId.get(n.phaseId);
      return p ? [{ kind: "journal" as const, at: n.updatedAt, phaseNumber: p.number, phaseTitle: p.title }] : [];
    }),
    ...heatmap
      .filter((d) => d.count > 0)
      .slice(-5)
      .map((d) => ({ kind: "reviews" as const, at: d.day, count: d.count })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 8);

  return {
    phases: progress,
    dueToday: due.total,
    due,
    newCards,
    reviewsToday: heatmap.at(-1)?.count ?? 0,
    totalReviews: heatmap.reduce((sum, d) => sum + d.count, 0),
    forecast,
    heatmap,
    recent,
    retention30: { count: rows.retention.count, recalled: rows.retention.recalled },
    desiredRetention: rows.settings?.desiredRetention ?? RETENTION_DEFAULT,
  };
}

/** The signed-in student's own dashboard (an admin's view of a student is lib/admin/progress.ts). */
export async function getMyDashboard(
  user: SessionUser,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<Dashboard> {
  assertRole(user, "student", "studentsOnlyDashboard");
  return studentDashboard(user.id, now, locale, user.timeZone);
}
