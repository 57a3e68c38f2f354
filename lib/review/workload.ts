// The daily workload a desired retention would cost this student over the next
// 30 days (lib/review/simulate.ts): shown on /account before a retention is
// saved and on the dashboard's simulator. Read-only.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import { db } from "../db/client";
import { DEFAULT_LOCALE } from "../i18n/locales";
import { DomainError } from "../errors";
import { type CardMemory, replayFsrs } from "./fsrs";
import { studentScheduling } from "./fsrs-settings";
import { isRetention } from "./rating";
import { meanPerDay, SIMULATION_DAYS, simulateWorkload } from "./simulate";

export type Workload = { retention: number; perDay: number[]; mean: number; days: number };

export async function workloadForecast(user: SessionUser, retention: number, now = new Date()): Promise<Workload> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!isRetention(retention)) throw new DomainError("invalid", "retentionRange", "desiredRetention");
  const [course, states, settings] = await Promise.all([
    courseView(DEFAULT_LOCALE),
    db().reviewState.findMany({ where: { userId: user.id } }),
    studentScheduling(user.id),
  ]);
  // States graded before FSRS memory was kept have none: their log gives it.
  const missing = states.some((s) => s.stability === null && s.lastReviewedAt);
  const replayed = missing
    ? replayFsrs(
        await db().reviewLog.findMany({
          where: { userId: user.id },
          select: { cardId: true, reviewedAt: true, grade: true, rating: true, redrill: true, undoneAt: true },
        }),
        settings,
      )
    : new Map<string, CardMemory>();
  const live = new Set(course.phases.flatMap((p) => p.cards.map((c) => c.id)));
  const withState = new Set(states.map((s) => s.cardId));
  const cards = states
    .filter((s) => live.has(s.cardId) && !s.suspendedAt)
    .map((s) => (s.stability === null ? (replayed.get(s.cardId) ?? null) : s))
    .filter((m): m is CardMemory => m !== null);
  const newCards = [...live].filter((id) => !withState.has(id)).length;
  const perDay = simulateWorkload({
    cards,
    newCards,
    newPerDay: settings.newCardsPerDay,
    settings: { weights: settings.weights, retention },
    now,
  });
  return { retention, perDay, mean: meanPerDay(perDay), days: SIMULATION_DAYS };
}
