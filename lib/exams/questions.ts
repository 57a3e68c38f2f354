// Reading a phase's exam questions in a language, shared by the sheet, the
// submission and the results.
import "server-only";
import { courseView } from "../content/course-snapshot";
import { localizeQuestion, parseQuestionTranslations } from "../content/localize";
import { db } from "../db/client";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { parseChoices } from "./grading";

export async function findPhase(number: number, locale: Locale = DEFAULT_LOCALE) {
  const phase = (await courseView(locale)).byNumber.get(number);
  return phase
    ? { id: phase.id, number: phase.number, title: phase.title, passMark: phase.passMark, lang: phase.lang }
    : null;
}

function kindOf(kind: string): "single" | "multiple" {
  return kind === "multiple" ? "multiple" : "single";
}

/** A stored question with its text in `locale` (English where it has no translation). */
export function questionOf(
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

export async function activeQuestions(phaseId: string, locale: Locale = DEFAULT_LOCALE) {
  const rows = await db().examQuestion.findMany({ where: { phaseId, retiredAt: null }, orderBy: { position: "asc" } });
  return rows.map((q) => questionOf(q, locale));
}
