// Reading a phase's exam questions in a language, shared by the sheet, the
// submission and the results.
import "server-only";
import { courseSnapshot, courseView } from "../content/course-snapshot";
import { localizeQuestion, parseQuestionTranslations } from "../content/localize";
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

type Question = ReturnType<typeof questionOf>;
/** Parsed questions per snapshot phase and language: the JSON is parsed once per content version, not per request. */
const parsed = new WeakMap<object, Map<Locale, Question[]>>();

/** The phase's live questions in `locale`, from the course snapshot (callers get their own array, never the cached one). */
export async function activeQuestions(phaseId: string, locale: Locale = DEFAULT_LOCALE): Promise<Question[]> {
  const stored = (await courseSnapshot()).byId.get(phaseId)?.questions;
  if (!stored) return [];
  let byLocale = parsed.get(stored);
  if (!byLocale) parsed.set(stored, (byLocale = new Map()));
  let questions = byLocale.get(locale);
  if (!questions) byLocale.set(locale, (questions = stored.map((q) => questionOf(q, locale))));
  return [...questions];
}
