// Grades given offline, applied in the order sent (POST /review/sync). Each is
// applied at the time it was given through the same rules as an online grade
// (lib/review/apply-grade.ts): a card also reviewed elsewhere meanwhile keeps both
// grades in its log and its schedule is the replay of that log in time order.
// Idempotent by the grade's client id: an OfflineGrade row is written in the same
// transaction as the grade, so a grade sent twice (a retry after a lost answer, two
// tabs) is applied once and the second answer is "duplicate". A refusal is stored
// too, so a resend is told the same reason; the browser shows it, never drops it.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/write-errors";
import { DomainError } from "../errors";
import { logger } from "../observability/logger";
import { applyGrade } from "../review/apply-grade";
import { studentScheduling } from "../review/fsrs-settings";
import { bothScales, isAnswer } from "../review/rating";
import {
  type GradeOutcome,
  type OfflineGradeInput,
  type RefusalReason,
  repeatedInBatch,
  type SyncBody,
  timeRefusal,
} from "./sync-input";

const REFUSABLE = new Set<string>([
  "cardRetired",
  "cardSuspended",
  "cardNotDue",
  "schedulerChanged",
  "gradeRange",
  "ratingRange",
]);

type Translate = (key: RefusalReason, values?: Record<string, string | number>) => string;

class Refused extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly values?: Record<string, string | number>,
  ) {
    super(reason);
  }
}

async function previous(userId: string, clientId: string) {
  return db().offlineGrade.findUnique({
    where: { userId_clientId: { userId, clientId } },
    select: { outcome: true, reason: true },
  });
}

async function recordRefusal(user: SessionUser, g: OfflineGradeInput, reason: RefusalReason): Promise<boolean> {
  try {
    await db().offlineGrade.create({
      data: {
        userId: user.id,
        clientId: g.id.toLowerCase(),
        cardId: g.cardId,
        answer: g.answer,
        scale: g.scale,
        givenAt: new Date(g.givenAt),
        outcome: "refused",
        reason,
      },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function applyOne(user: SessionUser, g: OfflineGradeInput, now: Date, t: Translate): Promise<GradeOutcome> {
  const clientId = g.id.toLowerCase();
  const duplicate = async (): Promise<GradeOutcome> => {
    const row = await previous(user.id, clientId);
    const reason = (row?.reason ?? undefined) as RefusalReason | undefined;
    return row?.outcome === "refused"
      ? { id: g.id, status: "duplicate", outcome: "refused", reason, message: reason ? t(reason) : undefined }
      : { id: g.id, status: "duplicate", outcome: "applied" };
  };
  if (await previous(user.id, clientId)) return duplicate();
  const givenAt = new Date(g.givenAt);
  try {
    const early = timeRefusal(givenAt, now);
    if (early) throw new Refused(early);
    const settings = await studentScheduling(user.id);
    if (g.scale !== settings.scheduler) throw new Refused("schedulerChanged");
    if (!isAnswer(settings.scheduler, g.answer))
      throw new Refused(settings.scheduler === "fsrs" ? "ratingRange" : "gradeRange");
    const scales = bothScales(settings.scheduler, g.answer);
    const applied = await db().$transaction(async (tx) => {
      // First, so a concurrent send of the same id fails here and rolls the grade back.
      const row = await tx.offlineGrade.create({
        data: {
          userId: user.id,
          clientId,
          cardId: g.cardId,
          answer: g.answer,
          scale: g.scale,
          givenAt,
          outcome: "applied",
        },
      });
      const a = await applyGrade(tx, user, settings, g.cardId, scales, givenAt);
      await tx.offlineGrade.update({ where: { id: row.id }, data: { reviewLogId: a.log.id, merged: a.merged } });
      return a;
    });
    logger().info(
      {
        event: "review.offline_applied",
        student_id: user.id,
        card_id: g.cardId,
        grade: scales.grade,
        merged: applied.merged,
        redrill: applied.redrill,
      },
      "offline grade applied",
    );
    return { id: g.id, status: "applied", merged: applied.merged, redrill: applied.redrill };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate();
    let refusal: Refused | null = null;
    if (error instanceof Refused) refusal = error;
    else if (error instanceof DomainError && REFUSABLE.has(error.key))
      refusal = new Refused(error.key as RefusalReason, error.values);
    if (!refusal) throw error;
    if (!(await recordRefusal(user, g, refusal.reason))) return duplicate();
    logger().warn(
      { event: "review.offline_refused", student_id: user.id, card_id: g.cardId, reason: refusal.reason },
      "offline grade refused",
    );
    return { id: g.id, status: "refused", reason: refusal.reason, message: t(refusal.reason, refusal.values) };
  }
}

/** Applies a batch in order; one outcome per grade, in the same order. */
export async function applyOfflineGrades(
  user: SessionUser,
  body: SyncBody,
  t: Translate,
  now = new Date(),
): Promise<GradeOutcome[]> {
  assertRole(user, "student", "studentsOnlyReview");
  const repeated = repeatedInBatch(body.grades);
  const out: GradeOutcome[] = [];
  for (const [i, g] of body.grades.entries()) {
    // Sequential on purpose: a later grade of the same card must see the earlier one.
    out.push(repeated.has(i) ? dupOf(g.id, out, body) : await applyOne(user, g, now, t));
  }
  return out;
}

function dupOf(id: string, out: GradeOutcome[], body: SyncBody): GradeOutcome {
  // The first grade with this id in the batch was answered already (it is earlier in `out`).
  const first = body.grades.findIndex((g) => g.id.toLowerCase() === id.toLowerCase());
  const o = out[first];
  const refused = o?.status === "refused" || (o?.status === "duplicate" && o.outcome === "refused");
  return refused && o
    ? { id, status: "duplicate", outcome: "refused", reason: o.reason, message: o.message }
    : { id, status: "duplicate", outcome: "applied" };
}
