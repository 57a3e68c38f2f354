// Exams for a student: where they stand (attempts left, window, timer), the
// question sheet of the attempt under way (never the correct flags, in the
// attempt's own shuffled order), submission (graded by question and choice id on
// the server, refused when late or out of attempts, answers sealed through the
// vault and never logged). A student only ever sees their own attempts.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import type { Lang } from "../content/localize";
import { db } from "../db/client";
import { reportStorageWriteError, storageFaultOf } from "../db/write-errors";
import { DomainError } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { logger } from "../observability/logger";
import { seal } from "../vault";
import { type Answers, gradeExam } from "./grading";
import { type ExamState, type StartRow, submitRefusal } from "./policy";
import { activeQuestions, findPhase } from "./questions";
import type { SealedAnswers } from "./results";
import { orderForAttempt } from "./shuffle";
import { beginAttempt, effectiveSettings, studentExamState, timeMultiplierOf } from "./starts";

export { getAttemptResult, listAttempts, type AttemptResult, type AttemptSummary } from "./results";

/** An untimed attempt's duration is counted from at most this long before its submission. */
export const MAX_EXAM_DURATION_MS = 4 * 3600_000;

type SheetPhase = Lang & { id: string; number: number; title: string; passMark: number };

/** `lang`: the language of a phase's title or a question's text (English where untranslated). */
export type ExamSheet = {
  phase: SheetPhase;
  questions: (Lang & {
    id: string;
    kind: "single" | "multiple";
    prompt: string;
    choices: { id: string; text: string }[];
  })[];
  /** The attempt's id: the form sends it back, the server finds the attempt by it and the student. */
  startToken: string;
  /** When the answers must be in (null: untimed). */
  deadline: Date | null;
};

export type ExamOverview = {
  phase: SheetPhase;
  questionCount: number;
  state: ExamState;
  /** The student's extra-time multiplier (1 when none). */
  timeMultiplier: number;
};

export async function examOverview(
  user: SessionUser,
  phaseNumber: number,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<ExamOverview | null> {
  assertRole(user, "student", "studentsOnlyExams");
  const phase = await findPhase(phaseNumber, locale);
  if (!phase) return null;
  const [questionCount, state, timeMultiplier] = await Promise.all([
    db().examQuestion.count({ where: { phaseId: phase.id, retiredAt: null } }),
    studentExamState(user.id, phase.id, now),
    timeMultiplierOf(user.id),
  ]);
  return { phase, questionCount, state, timeMultiplier };
}

async function sheetFor(phase: SheetPhase, start: StartRow, locale: Locale): Promise<ExamSheet> {
  const settings = await effectiveSettings(phase.id);
  const questions = orderForAttempt(await activeQuestions(phase.id, locale), start.seed, settings);
  return {
    phase,
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
      lang: q.lang,
    })),
    startToken: start.id,
    deadline: start.deadline,
  };
}

/**
 * The sheet of the attempt under way. With nothing to spend (no attempt limit,
 * no time limit) opening the exam starts an attempt, as it always did; otherwise
 * only startExam does, and this returns null until then.
 */
export async function loadExamSheet(
  user: SessionUser,
  phaseNumber: number,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<ExamSheet | null> {
  assertRole(user, "student", "studentsOnlyExams");
  const phase = await findPhase(phaseNumber, locale);
  if (!phase) return null;
  const state = await studentExamState(user.id, phase.id, now);
  if (state.live) return sheetFor(phase, state.live, locale);
  if (!state.startsOnOpen || state.refusal) return null;
  if (!(await db().examQuestion.count({ where: { phaseId: phase.id, retiredAt: null } }))) return null;
  try {
    return sheetFor(phase, await beginAttempt(user.id, phase.id, now), locale);
  } catch (error) {
    // A database that takes no writes now (read-only, full): the page still shows, with the
    // Start button, whose form then says why nothing could be saved.
    const fault = storageFaultOf(error);
    if (!fault) throw error;
    reportStorageWriteError(fault.error);
    return null;
  }
}

/** Starts an attempt (the Start button): refused with a clear message before opensAt, after closesAt or with none left. */
export async function startExam(
  user: SessionUser,
  phaseNumber: number,
  now = new Date(),
): Promise<{ attemptId: string }> {
  assertRole(user, "student", "studentsOnlyExams");
  const phase = await findPhase(phaseNumber);
  if (!phase) throw new DomainError("not_found", "noExam");
  const start = await beginAttempt(user.id, phase.id, now);
  return { attemptId: start.id };
}

export async function submitExam(
  user: SessionUser,
  phaseNumber: number,
  answers: Answers,
  startToken: string,
  now = new Date(),
): Promise<{ attemptId: string; score: number; passed: boolean }> {
  assertRole(user, "student", "studentsOnlyExams");
  const phase = await findPhase(phaseNumber);
  if (!phase) throw new DomainError("not_found", "noExam");
  const questions = await activeQuestions(phase.id);
  if (!questions.length) throw new DomainError("not_found", "noQuestions");
  // The attempt must be this student's, for this phase: a forged or borrowed token finds nothing.
  const start = await db().examStart.findFirst({ where: { id: startToken, userId: user.id, phaseId: phase.id } });
  if (!start) throw new DomainError("conflict", "examAttemptUnknown");
  const refusal = submitRefusal(await effectiveSettings(phase.id), start, now);
  if (refusal) {
    logger().info(
      { event: "exam.refused", student_id: user.id, phase: phase.number, attempt_id: start.id, reason: refusal },
      "exam submission refused",
    );
    throw new DomainError("conflict", refusal);
  }
  // Graded by question and choice id, whatever order the attempt showed them in.
  const grade = gradeExam(questions, answers, phase.passMark);
  const startedAt = start.deadline
    ? start.startedAt
    : new Date(Math.max(start.startedAt.getTime(), now.getTime() - MAX_EXAM_DURATION_MS));
  const id = start.id;
  const payload: SealedAnswers = { v: 1, outcomes: grade.outcomes };
  const sealed = await seal({ ownerId: user.id, table: "ExamAttempt", rowId: id }, JSON.stringify(payload));
  await db().$transaction(async (tx) => {
    // Of two submissions of one attempt (two tabs, a double click), the second finds it taken.
    const taken = await tx.examStart.updateMany({ where: { id, submittedAt: null }, data: { submittedAt: now } });
    if (taken.count !== 1) throw new DomainError("conflict", "examAlreadySubmitted");
    await tx.examAttempt.create({
      data: {
        id,
        userId: user.id,
        phaseId: phase.id,
        score: grade.score,
        correctCount: grade.correctCount,
        total: grade.total,
        passed: grade.passed,
        startedAt,
        submittedAt: now,
        ciphertext: new Uint8Array(sealed.ciphertext),
        iv: new Uint8Array(sealed.iv),
        keyId: sealed.keyId,
        format: sealed.format,
      },
    });
  });
  // Score only: the answers themselves are never logged.
  logger().info(
    {
      event: "exam.submitted",
      student_id: user.id,
      phase: phase.number,
      attempt_id: id,
      score: grade.score,
      passed: grade.passed,
      duration_s: Math.round((now.getTime() - startedAt.getTime()) / 1000),
    },
    "exam submitted",
  );
  return { attemptId: id, score: grade.score, passed: grade.passed };
}
