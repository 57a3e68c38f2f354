// Grading and undo. The server decides what a grade means from the stored
// state, never from the client: a due card gets an SM-2 update; a card already
// scheduled today whose last grade was below 4 gets a re-drill (logged, schedule
// unchanged); anything else is refused. Every grade writes a ReviewLog holding the
// state before it, so undo restores the exact previous ReviewState (or removes it
// again for a card that was new).
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { DomainError } from "../errors";
import { db, type Tx } from "../db/client";
import { logger } from "../observability/logger";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { localDay } from "../time/zones";
import { dueDate, isGrade, NEW_ITEM, nextSm2, REDRILL_BELOW } from "./sm2";

/** How long a failed card stays eligible for same-session re-drills. */
export const REDRILL_WINDOW_MS = 12 * 3600_000;

export type GradeResult = {
  logId: string;
  cardId: string;
  grade: number;
  redrill: boolean;
  needsRedrill: boolean;
  dueAt: Date;
  intervalDays: number;
};

async function pendingRedrill(tx: Tx, userId: string, cardId: string, now: Date): Promise<boolean> {
  const last = await tx.reviewLog.findFirst({
    where: { userId, cardId, undoneAt: null },
    orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
    select: { grade: true, reviewedAt: true },
  });
  return !!last && last.grade < REDRILL_BELOW && now.getTime() - last.reviewedAt.getTime() < REDRILL_WINDOW_MS;
}

export async function gradeCard(
  user: SessionUser,
  cardId: string,
  grade: number,
  now = new Date(),
): Promise<GradeResult> {
  assertRole(user, "student", "studentsOnlyReview");
  if (!isGrade(grade)) throw new DomainError("invalid", "gradeRange");
  return withSpan(SPAN.sm2Update, { "review.grade": grade }, async () => {
    const result = await db().$transaction(async (tx) => {
      const card = await tx.card.findFirst({
        where: { id: cardId, retiredAt: null, phase: { retiredAt: null } },
        select: { id: true },
      });
      if (!card) throw new DomainError("not_found", "cardRetired");
      const state = await tx.reviewState.findUnique({ where: { userId_cardId: { userId: user.id, cardId } } });
      const prev = state ?? { ...NEW_ITEM, dueAt: null, lastReviewedAt: null };
      const isDue = !state || state.dueAt.getTime() <= now.getTime();

      if (!isDue) {
        if (!(await pendingRedrill(tx, user.id, cardId, now))) {
          throw new DomainError("conflict", "cardNotDue", undefined, {
            date: localDay(user.timeZone, state.dueAt),
          });
        }
        const log = await tx.reviewLog.create({
          data: {
            userId: user.id,
            cardId,
            grade,
            reviewedAt: now,
            redrill: true,
            prevRepetitions: state.repetitions,
            prevEasiness: state.easiness,
            prevIntervalDays: state.intervalDays,
            prevDueAt: state.dueAt,
            prevLastReviewed: state.lastReviewedAt,
            repetitions: state.repetitions,
            easiness: state.easiness,
            intervalDays: state.intervalDays,
            dueAt: state.dueAt,
          },
        });
        return { log, next: state, redrill: true };
      }

      const next = nextSm2(prev, grade);
      const nextDue = dueDate(now, next.intervalDays, user.timeZone);
      const data = { ...next, dueAt: nextDue, lastReviewedAt: now };
      await tx.reviewState.upsert({
        where: { userId_cardId: { userId: user.id, cardId } },
        create: { userId: user.id, cardId, ...data },
        update: data,
      });
      const log = await tx.reviewLog.create({
        data: {
          userId: user.id,
          cardId,
          grade,
          reviewedAt: now,
          redrill: false,
          prevRepetitions: prev.repetitions,
          prevEasiness: prev.easiness,
          prevIntervalDays: prev.intervalDays,
          prevDueAt: prev.dueAt,
          prevLastReviewed: prev.lastReviewedAt,
          ...next,
          dueAt: nextDue,
        },
      });
      return { log, next: { ...next, dueAt: nextDue }, redrill: false };
    });
    const { log, next, redrill } = result;
    // Ids and numbers only: card text is course content but stays out of logs by rule.
    logger().info(
      {
        event: "review.graded",
        student_id: user.id,
        card_id: cardId,
        grade,
        redrill,
        repetitions: next.repetitions,
        easiness: next.easiness,
        interval_days: next.intervalDays,
      },
      "review graded",
    );
    return {
      logId: log.id,
      cardId,
      grade,
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
