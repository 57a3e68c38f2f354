// Exams for a student: the question sheet (never the correct flags), submission
// (graded on the server, answers sealed through the vault, never logged) and
// results. A student only ever sees their own attempts.
import "server-only";
import { randomUUID } from "node:crypto";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import {
  type Lang,
  localizePhase,
  localizeQuestion,
  parsePhaseTranslations,
  parseQuestionTranslations,
} from "../content/localize";
import { DomainError } from "../errors";
import { db } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { logger } from "../observability/logger";
import { seal, unseal } from "../vault";
import { type Answers, gradeExam, parseChoices, type QuestionOutcome } from "./grading";
import { clampStartedAt, signExamStart, verifyExamStart } from "./start-token";

/** `lang`: the language of a phase's title or a question's text (English where untranslated). */
export type ExamSheet = {
  phase: Lang & { id: string; number: number; title: string; passMark: number };
  questions: (Lang & {
    id: string;
    kind: "single" | "multiple";
    prompt: string;
    choices: { id: string; text: string }[];
  })[];
  startToken: string;
};

async function findPhase(number: number, locale: Locale = DEFAULT_LOCALE) {
  const phase = (await courseView(locale)).byNumber.get(number);
  return phase
    ? { id: phase.id, number: phase.number, title: phase.title, passMark: phase.passMark, lang: phase.lang }
    : null;
}

function kindOf(kind: string): "single" | "multiple" {
  return kind === "multiple" ? "multiple" : "single";
}

/** A stored question with its text in `locale` (English where it has no translation). */
function questionOf(
  q: { id: string; kind: string; prompt: string; explanation: string; choicesJson: string; translations: string },
  locale: Locale,
) {
  const question = {
    id: q.id,
    kind: kindOf(q.kind),
    prompt: q.prompt,
    explanation: q.explanation,
    choices: parseChoices(q.choicesJson),
  };
  // English needs no parse: grading (submitExam) reads questions in English.
  return locale === DEFAULT_LOCALE
    ? { ...question, lang: DEFAULT_LOCALE }
    : localizeQuestion(question, parseQuestionTranslations(q.translations), locale);
}

async function activeQuestions(phaseId: string, locale: Locale = DEFAULT_LOCALE) {
  const rows = await db().examQuestion.findMany({ where: { phaseId, retiredAt: null }, orderBy: { position: "asc" } });
  return rows.map((q) => questionOf(q, locale));
}

export async function loadExamSheet(
  user: SessionUser,
  phaseNumber: number,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<ExamSheet | null> {
  assertRole(user, "student", "studentsOnlyExams");
  const phase = await findPhase(phaseNumber, locale);
  if (!phase) return null;
  const questions = await activeQuestions(phase.id, locale);
  return {
    phase,
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      choices: q.choices.map((c) => ({ id: c.id, text: c.text })),
      lang: q.lang,
    })),
    startToken: signExamStart(user.id, phase.id, now),
  };
}

type SealedAnswers = { v: 1; outcomes: QuestionOutcome[] };

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
  const grade = gradeExam(questions, answers, phase.passMark);
  const started = verifyExamStart(startToken, user.id, phase.id);
  const startedAt = clampStartedAt(started, now);

  const id = randomUUID();
  const payload: SealedAnswers = { v: 1, outcomes: grade.outcomes };
  const sealed = await seal({ ownerId: user.id, table: "ExamAttempt", rowId: id }, JSON.stringify(payload));
  await db().examAttempt.create({
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
      start_verified: started !== null,
    },
    "exam submitted",
  );
  return { attemptId: id, score: grade.score, passed: grade.passed };
}

export type AttemptSummary = {
  id: string;
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  startedAt: Date;
  submittedAt: Date;
  durationSeconds: number;
};

function summarize(a: Omit<AttemptSummary, "durationSeconds">): AttemptSummary {
  return {
    id: a.id,
    score: a.score,
    correctCount: a.correctCount,
    total: a.total,
    passed: a.passed,
    startedAt: a.startedAt,
    submittedAt: a.submittedAt,
    durationSeconds: Math.round((a.submittedAt.getTime() - a.startedAt.getTime()) / 1000),
  };
}

export async function listAttempts(user: SessionUser, phaseId: string): Promise<AttemptSummary[]> {
  const rows = await db().examAttempt.findMany({
    where: { userId: user.id, phaseId },
    orderBy: { submittedAt: "desc" },
    select: {
      id: true,
      score: true,
      correctCount: true,
      total: true,
      passed: true,
      startedAt: true,
      submittedAt: true,
    },
  });
  return rows.map(summarize);
}

export type AttemptResult = AttemptSummary & {
  phase: Lang & { number: number; title: string; passMark: number };
  questions: (Lang & {
    id: string;
    kind: "single" | "multiple";
    prompt: string;
    explanation: string;
    choices: { id: string; text: string; correct: boolean }[];
    chosen: string[];
    correct: boolean;
  })[];
  unreadable: boolean;
};

/** One of the student's own attempts with per-question results in `locale`; null for anyone else's or unknown ids. */
export async function getAttemptResult(
  user: SessionUser,
  phaseNumber: number,
  attemptId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<AttemptResult | null> {
  const attempt = await db().examAttempt.findFirst({
    where: { id: attemptId, userId: user.id, phase: { number: phaseNumber } },
    include: { phase: true },
  });
  if (!attempt) return null;
  let outcomes: QuestionOutcome[] = [];
  let unreadable = false;
  try {
    if (!attempt.ciphertext || !attempt.iv || !attempt.keyId) throw new Error("no sealed answers");
    const text = await unseal(
      { ownerId: user.id, table: "ExamAttempt", rowId: attempt.id },
      {
        ciphertext: Buffer.from(attempt.ciphertext),
        iv: Buffer.from(attempt.iv),
        keyId: attempt.keyId,
        format: attempt.format,
      },
    );
    outcomes = (JSON.parse(text) as SealedAnswers).outcomes;
  } catch {
    unreadable = true;
  }
  // Questions by id, retired ones included: the attempt shows what was asked then.
  const rows = await db().examQuestion.findMany({ where: { id: { in: outcomes.map((o) => o.questionId) } } });
  const byId = new Map(rows.map((q) => [q.id, q]));
  const questions = outcomes.flatMap((o) => {
    const q = byId.get(o.questionId);
    if (!q) return [];
    return [{ ...questionOf(q, locale), chosen: o.chosen, correct: o.correct }];
  });
  // The phase row itself (it may be retired since), its title in `locale`.
  const { title, lang } = localizePhase(
    { title: attempt.phase.title, summary: attempt.phase.summary },
    parsePhaseTranslations(attempt.phase.translations),
    locale,
  );
  return {
    ...summarize(attempt),
    phase: { number: attempt.phase.number, title, passMark: attempt.phase.passMark, lang },
    questions,
    unreadable,
  };
}
