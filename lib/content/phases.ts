// Reading the course for a signed-in user. Retired phases and cards are hidden.
import { translatorFor } from "../i18n/translate";
import "server-only";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { courseView } from "./course-snapshot";
import { formatPhaseNumber, parsePhaseNumber } from "./phase-number";
export { parsePhaseNumber } from "./phase-number";

/** One active phase with its cards in `locale`, from the cached course snapshot; null when there is none. */
export async function getPhase(number: number, locale: Locale = DEFAULT_LOCALE) {
  const phase = (await courseView(locale)).byNumber.get(number);
  if (!phase) return null;
  return {
    id: phase.id,
    number: phase.number,
    slug: phase.slug,
    title: phase.title,
    summary: phase.summary,
    body: phase.body,
    /** The language of title, summary and body. */
    lang: phase.lang,
    passMark: phase.passMark,
    opensAt: phase.opensAt,
    dueAt: phase.dueAt,
    cards: phase.cards.map((c) => ({ id: c.id, front: c.front, back: c.back, lang: c.lang })),
    questionCount: phase.questionCount,
  };
}

/** The <title> of a phase's pages ("Exam · Phase 01: Structured logs"), or "Page not found" for an unknown phase. */
export async function phasePageTitle(nn: string, section?: string, locale: Locale = DEFAULT_LOCALE): Promise<string> {
  const t = translatorFor(locale);
  const number = parsePhaseNumber(nn);
  const phase = number === null ? null : (await courseView(locale)).byNumber.get(number);
  if (!phase) return t("common.notFound.title");
  const base = t("phase.meta.title", { nn: formatPhaseNumber(phase.number), title: phase.title });
  return section ? t("phase.meta.section", { section, title: base }) : base;
}
