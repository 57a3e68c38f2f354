// Item analysis of one phase's exam for the teacher (read-only): per question how
// many chose each choice, the share correct, and a discrimination index.
// - Attempts: each listed student's FIRST attempt. Later attempts follow the
//   feedback of the first, so they measure the feedback, not the question.
// - Discrimination: the corrected point-biserial correlation between the question
//   (1 right, 0 wrong) and the student's score on the OTHER questions of the
//   attempt. It uses every answer (the upper-lower 27 % method drops the middle
//   46 %, too much of a 50-student cohort), and "corrected" keeps the question out of
//   its own criterion, which otherwise inflates it on a short exam.
// Answers are sealed by the vault: they are opened here only to be counted, and
// nothing but the counts leaves this module. Each view is audited.
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { LISTED_STUDENTS } from "../admin/students";
import { courseView } from "../content/course-snapshot";
import { type Lang, localizeQuestion, parseQuestionTranslations } from "../content/localize";
import { db } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { unseal } from "../vault";
import { type QuestionOutcome, parseChoices } from "./grading";
import { flagsOf, type QuestionFlag, pointBiserial } from "./item-analysis";

export { MIN_ANSWERS } from "./item-analysis";

export type QuestionStats = Lang & {
  id: string;
  position: number;
  prompt: string;
  answered: number;
  correctShare: number | null;
  discrimination: number | null;
  choices: { id: string; text: string; correct: boolean; count: number }[];
  flags: QuestionFlag[];
};
export type ExamStats = {
  phase: Lang & { number: number; title: string };
  students: number;
  unreadable: number;
  questions: QuestionStats[];
};

type Sealed = { v: 1; outcomes: QuestionOutcome[] };

export async function examQuestionStats(
  actor: SessionUser,
  phaseNumber: number,
  requestId: string | null,
  locale: Locale = DEFAULT_LOCALE,
): Promise<ExamStats | null> {
  assertRole(actor, "admin");
  const phase = (await courseView(locale)).byNumber.get(phaseNumber);
  if (!phase) return null;
  const client = db();
  const [rows, attempts] = await Promise.all([
    client.examQuestion.findMany({ where: { phaseId: phase.id, retiredAt: null }, orderBy: { position: "asc" } }),
    // Oldest first, so the first row per student is their first attempt.
    client.examAttempt.findMany({
      where: { phaseId: phase.id, user: LISTED_STUDENTS },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      select: { id: true, userId: true, ciphertext: true, iv: true, keyId: true, format: true },
    }),
  ]);
  await client.$transaction((tx) =>
    recordEvent(tx, { actorId: actor.id, action: "exam_stats.viewed", requestId, detail: { phase: phaseNumber } }),
  );
  const firsts = new Map<string, (typeof attempts)[number]>();
  for (const a of attempts) if (!firsts.has(a.userId)) firsts.set(a.userId, a);

  let unreadable = 0;
  const sheets: Map<string, QuestionOutcome>[] = [];
  for (const a of firsts.values()) {
    try {
      if (!a.ciphertext || !a.iv || !a.keyId) throw new Error("no sealed answers");
      const text = await unseal(
        { ownerId: a.userId, table: "ExamAttempt", rowId: a.id },
        { ciphertext: Buffer.from(a.ciphertext), iv: Buffer.from(a.iv), keyId: a.keyId, format: a.format },
      );
      sheets.push(new Map((JSON.parse(text) as Sealed).outcomes.map((o) => [o.questionId, o])));
    } catch {
      unreadable++;
    }
  }

  const questions = rows.map((q): QuestionStats => {
    const localized = localizeQuestion(
      { prompt: q.prompt, choices: parseChoices(q.choicesJson) },
      parseQuestionTranslations(q.translations),
      locale,
    );
    const counts = new Map<string, number>();
    const item: number[] = [];
    const rest: number[] = [];
    for (const sheet of sheets) {
      const outcome = sheet.get(q.id);
      if (!outcome) continue; // the question was added after this attempt
      for (const id of outcome.chosen) counts.set(id, (counts.get(id) ?? 0) + 1);
      let others = 0;
      for (const [id, o] of sheet) if (id !== q.id && o.correct) others++;
      item.push(outcome.correct ? 1 : 0);
      rest.push(others);
    }
    const answered = item.length;
    const correctShare = answered ? item.reduce((a, b) => a + b, 0) / answered : null;
    const discrimination = pointBiserial(item, rest);
    return {
      id: q.id,
      position: q.position,
      prompt: localized.prompt,
      lang: localized.lang,
      answered,
      correctShare,
      discrimination,
      choices: localized.choices.map((c) => ({
        id: c.id,
        text: c.text,
        correct: c.correct,
        count: counts.get(c.id) ?? 0,
      })),
      flags: flagsOf(answered, correctShare, discrimination),
    };
  });
  return {
    phase: { number: phase.number, title: phase.title, lang: phase.lang },
    students: sheets.length,
    unreadable,
    questions,
  };
}
