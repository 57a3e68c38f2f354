// Starting an attempt and reading where a student stands on an exam. A start is
// a row (ExamStart) written before the questions are shown: it holds the shuffle
// seed and the deadline, so neither depends on the browser.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/write-errors";
import { DomainError } from "../errors";
import { logger } from "../observability/logger";
import { deadlineFor, type ExamState, examState, type StartRow } from "./policy";
import { type ExamSettings, mergeSettings, parseStoredSettings } from "./settings";

/** The settings in force for a phase: defaults ← exam.yaml ← the admin's override. */
export async function effectiveSettings(phaseId: string): Promise<ExamSettings> {
  const phase = await db().phase.findUnique({
    where: { id: phaseId },
    select: { examSettings: true, examOverride: { select: { settings: true } } },
  });
  return mergeSettings(parseStoredSettings(phase?.examSettings), parseStoredSettings(phase?.examOverride?.settings));
}

/** The student's extra-time multiplier for timed exams (1 when none is set). */
export async function timeMultiplierOf(userId: string): Promise<number> {
  const row = await db().examAccommodation.findUnique({ where: { userId }, select: { timeMultiplier: true } });
  return row?.timeMultiplier ?? 1;
}

const startSelect = {
  id: true,
  ordinal: true,
  startedAt: true,
  deadline: true,
  seed: true,
  submittedAt: true,
} as const;

export async function studentExamState(userId: string, phaseId: string, now: Date): Promise<ExamState> {
  const [settings, attempts, open] = await Promise.all([
    effectiveSettings(phaseId),
    db().examAttempt.count({ where: { userId, phaseId } }),
    db().examStart.findMany({
      where: { userId, phaseId, submittedAt: null },
      orderBy: { ordinal: "desc" },
      select: startSelect,
    }),
  ]);
  return examState(settings, attempts + open.length, open, now);
}

/**
 * Starts an attempt, or returns the one under way. Refused (nothing written)
 * before opensAt, after closesAt and when no attempt is left.
 */
export async function beginAttempt(userId: string, phaseId: string, now: Date): Promise<StartRow> {
  const state = await studentExamState(userId, phaseId, now);
  if (state.live) return state.live;
  if (state.refusal === "notYetOpen") throw new DomainError("conflict", "examNotYetOpen");
  if (state.refusal === "closed") throw new DomainError("conflict", "examClosed");
  if (state.refusal === "noAttemptsLeft") throw new DomainError("conflict", "examNoAttemptsLeft");
  const deadline = deadlineFor(state.settings, now, await timeMultiplierOf(userId));
  try {
    const start = await db().examStart.create({
      data: {
        id: randomUUID(),
        userId,
        phaseId,
        // Unique per student and phase: of two starts racing for the same attempt, one fails here.
        ordinal: state.used + 1,
        startedAt: now,
        deadline,
        seed: randomBytes(16).toString("hex"),
      },
      select: startSelect,
    });
    logger().info(
      { event: "exam.started", student_id: userId, phase_id: phaseId, attempt_id: start.id, ordinal: start.ordinal },
      "exam attempt started",
    );
    return start;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await studentExamState(userId, phaseId, now);
    if (again.live) return again.live;
    throw new DomainError("conflict", "examNoAttemptsLeft");
  }
}
