// A student's review settings on /account: the scheduler (SM-2 or FSRS), FSRS's
// desired retention and the daily cap on reviews. Each setter is idempotent:
// saving what is already stored writes nothing.
//
// Switching scheduler is a migration by replay (docs/review.md#switching): the
// student's whole review log, in order, goes through the target scheduler
// (lib/review/fsrs.ts replayFsrs / replaySm2) to give every card its state, then
// cards whose new due date is already past are spread over the next days
// (spreadOverdue) instead of all falling due today. Suspensions are kept.
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { logger } from "../observability/logger";
import { type CardMemory, replayFsrs, replaySm2, retrievability, SPREAD_DAYS, spreadOverdue } from "./fsrs";
import { studentScheduling } from "./fsrs-settings";
import { isRetention, isScheduler, type Scheduler } from "./rating";

export const REVIEWS_PER_DAY_MAX = 9999;

export type SwitchResult = { scheduler: Scheduler; changed: boolean; cards: number; spread: number };

export async function setScheduler(
  user: SessionUser,
  target: Scheduler,
  now = new Date(),
  requestId: string | null = null,
): Promise<SwitchResult> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!isScheduler(target)) throw new DomainError("invalid", "schedulerUnknown", "scheduler");
  const settings = await studentScheduling(user.id);
  if (settings.scheduler === target) return { scheduler: target, changed: false, cards: 0, spread: 0 };
  const result = await db().$transaction(async (tx) => {
    const logs = await tx.reviewLog.findMany({
      where: { userId: user.id },
      select: { cardId: true, reviewedAt: true, grade: true, rating: true, redrill: true, undoneAt: true },
    });
    const replayed: Map<string, CardMemory> =
      target === "fsrs" ? replayFsrs(logs, settings) : replaySm2(logs, settings);
    const states = await tx.reviewState.findMany({ where: { userId: user.id }, select: { cardId: true } });
    const moved = spreadOverdue(
      [...replayed].map(([cardId, m]) => ({
        cardId,
        dueAt: m.dueAt,
        retrievability: retrievability(m, now, settings.weights),
      })),
      now,
      SPREAD_DAYS,
      settings.zone,
    );
    for (const { cardId } of states) {
      const m = replayed.get(cardId);
      // A state without a counted review cannot stay (its grades were all undone); none exist today.
      if (!m) continue;
      await tx.reviewState.update({
        where: { userId_cardId: { userId: user.id, cardId } },
        data: {
          repetitions: m.repetitions,
          easiness: m.easiness,
          intervalDays: m.intervalDays,
          dueAt: moved.get(cardId) ?? m.dueAt,
          lastReviewedAt: m.lastReviewedAt,
          stability: m.stability,
          difficulty: m.difficulty,
          fsrsState: m.fsrsState,
          lapses: m.lapses,
        },
      });
    }
    // Guarded: two switches racing write one change, not two replays over each other.
    const updated = await tx.user.updateMany({
      where: { id: user.id, scheduler: settings.scheduler },
      data: { scheduler: target },
    });
    if (updated.count !== 1) throw new DomainError("conflict", "schedulerChanged");
    await recordEvent(tx, {
      actorId: user.id,
      action: "review.scheduler_changed",
      targetType: "user",
      targetId: user.id,
      requestId,
      detail: {
        from: settings.scheduler,
        to: target,
        cards: states.length,
        spread: moved.size,
        weights: settings.source,
      },
    });
    return { cards: states.length, spread: moved.size };
  });
  logger().info(
    { event: "review.scheduler_changed", student_id: user.id, from: settings.scheduler, to: target, ...result },
    "review scheduler changed",
  );
  return { scheduler: target, changed: true, ...result };
}

export async function setDesiredRetention(user: SessionUser, retention: number): Promise<number> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!isRetention(retention)) throw new DomainError("invalid", "retentionRange", "desiredRetention");
  const value = Math.round(retention * 100) / 100;
  const row = await db().user.findUnique({ where: { id: user.id }, select: { desiredRetention: true } });
  if (row?.desiredRetention === value) return value;
  await db().user.update({ where: { id: user.id }, data: { desiredRetention: value } });
  return value;
}

export async function setReviewsPerDay(user: SessionUser, limit: number): Promise<number> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!Number.isInteger(limit) || limit < 0 || limit > REVIEWS_PER_DAY_MAX)
    throw new DomainError("invalid", "reviewsRange", "reviewsPerDay", { max: REVIEWS_PER_DAY_MAX });
  const row = await db().user.findUnique({ where: { id: user.id }, select: { reviewsPerDay: true } });
  if (row?.reviewsPerDay === limit) return limit;
  await db().user.update({ where: { id: user.id }, data: { reviewsPerDay: limit } });
  return limit;
}
