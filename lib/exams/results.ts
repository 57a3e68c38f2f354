// A student's own attempts and one attempt's per-question result. The correct
// answers (right/wrong per question, the correct choices, the explanations) leave
// the server only when the exam's showAnswers setting allows it at that moment.
import "server-only";
import type { SessionUser } from "../auth/session-user";
import { type Lang, localizePhase, parsePhaseTranslations } from "../content/localize";
import { db } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { unseal } from "../vault";
import type { QuestionOutcome } from "./grading";
import type { ShowAnswers } from "./settings";
import { questionOf } from "./questions";
import { studentExamState } from "./starts";

export type SealedAnswers = { v: 1; outcomes: QuestionOutcome[] };

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
  /** Whether the correct answers are shown now; when not, the fields below carry none of them. */
  answersShown: boolean;
  /** The setting that decides it (the page says when they will show). */
  showAnswers: ShowAnswers;
  questions: (Lang & {
    id: string;
    kind: "single" | "multiple";
    prompt: string;
    /** "" while the answers are hidden. */
    explanation: string;
    /** `correct` is false for every choice while the answers are hidden. */
    choices: { id: string; text: string; correct: boolean }[];
    chosen: string[];
    /** null while the answers are hidden. */
    correct: boolean | null;
  })[];
  unreadable: boolean;
};

async function outcomesOf(
  userId: string,
  attempt: { id: string; ciphertext: Uint8Array | null; iv: Uint8Array | null; keyId: string | null; format: number },
) {
  if (!attempt.ciphertext || !attempt.iv || !attempt.keyId) throw new Error("no sealed answers");
  const text = await unseal(
    { ownerId: userId, table: "ExamAttempt", rowId: attempt.id },
    {
      ciphertext: Buffer.from(attempt.ciphertext),
      iv: Buffer.from(attempt.iv),
      keyId: attempt.keyId,
      format: attempt.format,
    },
  );
  return (JSON.parse(text) as SealedAnswers).outcomes;
}

/** One of the student's own attempts with per-question results in `locale`; null for anyone else's or unknown ids. */
export async function getAttemptResult(
  user: SessionUser,
  phaseNumber: number,
  attemptId: string,
  locale: Locale = DEFAULT_LOCALE,
  now = new Date(),
): Promise<AttemptResult | null> {
  const attempt = await db().examAttempt.findFirst({
    where: { id: attemptId, userId: user.id, phase: { number: phaseNumber } },
    include: { phase: true },
  });
  if (!attempt) return null;
  const state = await studentExamState(user.id, attempt.phaseId, now);
  const shown = state.answersVisible;
  let outcomes: QuestionOutcome[] = [];
  let unreadable = false;
  try {
    outcomes = await outcomesOf(user.id, attempt);
  } catch {
    unreadable = true;
  }
  // Questions by id, retired ones included: the attempt shows what was asked then.
  const rows = await db().examQuestion.findMany({ where: { id: { in: outcomes.map((o) => o.questionId) } } });
  const byId = new Map(rows.map((q) => [q.id, q]));
  const questions = outcomes.flatMap((o) => {
    const row = byId.get(o.questionId);
    if (!row) return [];
    const q = questionOf(row, locale);
    return [
      shown
        ? { ...q, chosen: o.chosen, correct: o.correct }
        : {
            ...q,
            explanation: "",
            choices: q.choices.map((c) => ({ id: c.id, text: c.text, correct: false })),
            chosen: o.chosen,
            correct: null,
          },
    ];
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
    answersShown: shown,
    showAnswers: state.settings.showAnswers,
    questions,
    unreadable,
  };
}
