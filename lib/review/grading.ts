// Grading and undo. The server decides what a grade means from the stored
// state, never from the client: a due card gets a scheduler update (SM-2 or FSRS,
// the student's own, lib/review/rating.ts); a card already scheduled whose last
// grade was below 4 (FSRS: Again or Hard) gets a re-drill (logged, schedule
// unchanged); anything else is refused. Every grade writes a ReviewLog holding the
// state before it and both scales (SM-2 grade and FSRS rating), so undo restores
// the exact previous ReviewState (or removes it again for a card that was new).
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { DomainError } from "../errors";
import { db } from "../db/client";
import { logger } from "../observability/logger";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { REDRILL_BELOW } from "./sm2";
import { applyGrade, REDRILL_WINDOW_MS } from "./apply-grade";
import { studentScheduling } from "./fsrs-settings";
import { bothScales, isAnswer, type Scheduler } from "./rating";

export { REDRILL_WINDOW_MS };

export type GradeResult = {
  logId: string;
  cardId: string;
  grade: number;
  /** The FSRS rating logged with the grade (1–4). */
  rating: number;
  scheduler: Scheduler;
  redrill: boolean;
  needsRedrill: boolean;
  dueAt: Date;
  intervalDays: number;
};

/**
 * Grades `cardId` with `answer` on the student's own scale (SM-2 0–5, FSRS 1–4).
 * `scale`, when given, is the scale the page was showing: a page from before a
 * switch of scheduler is refused rather than read on the wrong scale.
 */
export async function gradeCard(
  user: SessionUser,
  cardId: string,
  answer: number,
  now = new Date(),
  scale?: Scheduler,
): Promise<GradeResult> {
  assertRole(user, "student", "studentsOnlyReview");
  const settings = await studentScheduling(user.id);
  const scheduler = settings.scheduler;
  if (scale !== undefined && scale !== scheduler) throw new DomainError("conflict", "schedulerChanged");
  if (!isAnswer(scheduler, answer))
    throw new DomainError("invalid", scheduler === "fsrs" ? "ratingRange" : "gradeRange");
  const { grade, rating } = bothScales(scheduler, answer);
  return withSpan(SPAN.sm2Update, { "review.grade": grade }, async () => {
    const result = await db().$transaction((tx) => applyGrade(tx, user, settings, cardId, { grade, rating }, now));
    const { log, next, redrill } = result;
    // Ids and numbers only: card text is course content but stays out of logs by rule.
    logger().info(
      {
        event: "review.graded",
        student_id: user.id,
        card_id: cardId,
        grade,
        rating,
        scheduler,
        redrill,
        repetitions: next.repetitions,
        easiness: next.easiness,
        interval_days: next.intervalDays,
        ...(next.stability !== null ? { stability: Math.round(next.stability * 1000) / 1000 } : {}),
      },
      "review graded",
    );
    return {
      logId: log.id,
      cardId,
      grade,
      rating,
      scheduler,
      redrill,
      needsRedrill: grade < REDRILL_BELOW,
      dueAt: next.dueAt,
      intervalDays: next.intervalDays,
    };
  });
}

export type UndoResult = { cardId: string; grade: number; redrill: boolean };

/** Undoes the student's most recent grade, which must be `logId`. */
export async function undoLastGrade(user: SessionUser, logId: string, now = new Date()): Promise<UndoResult> {
  assertRole(user, "student", "studentsOnlyReview");
  const undone = await db().$transaction(async (tx) => {
    const last = await tx.reviewLog.findFirst({
      where: { userId: user.id, undoneAt: null },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
    });
    if (!last || last.id !== logId) throw new DomainError("conflict", "undoLatestOnly");
    // A switch of scheduler replayed every card since: the state before this grade is gone.
    const current = await tx.user.findUnique({ where: { id: user.id }, select: { scheduler: true } });
    if (current && current.scheduler !== last.scheduler) throw new DomainError("conflict", "undoAfterSwitch");
    // An offline grade merged into this card's log after this grade replayed its schedule:
    // the state stored with this grade no longer describes what came before it.
    const merged = await tx.offlineGrade.findFirst({
      where: { userId: user.id, cardId: last.cardId, merged: true, receivedAt: { gt: last.reviewedAt } },
      select: { id: true },
    });
    if (merged) throw new DomainError("conflict", "undoAfterMerge");
    await tx.reviewLog.update({ where: { id: last.id }, data: { undoneAt: now } });
    if (!last.redrill) {
      const where = { userId_cardId: { userId: user.id, cardId: last.cardId } };
      if (last.prevDueAt === null) {
        // The card was new before this grade: it becomes new again.
        await tx.reviewState.delete({ where });
      } else {
        await tx.reviewState.update({
          where,
          data: {
            repetitions: last.prevRepetitions,
            easiness: last.prevEasiness,
            intervalDays: last.prevIntervalDays,
            dueAt: last.prevDueAt,
            lastReviewedAt: last.prevLastReviewed,
            stability: last.prevStability,
            difficulty: last.prevDifficulty,
            fsrsState: last.prevFsrsState,
            lapses: last.prevLapses,
          },
        });
      }
    }
    return last;
  });
  logger().info(
    {
      event: "review.undone",
      student_id: user.id,
      card_id: undone.cardId,
      grade: undone.grade,
      redrill: undone.redrill,
    },
    "review grade undone",
  );
  return { cardId: undone.cardId, grade: undone.grade, redrill: undone.redrill };
}
