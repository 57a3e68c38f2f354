// Course content in the reader's language. English lives in the content columns;
// other languages sit beside it in each row's `translations` JSON ({"es": {...}},
// written by lib/content/import.ts). Every item falls back to English on its own
// and says which language its text is in (`lang`), so a page can mark English
// text inside a Spanish page (WCAG 3.1.2). An item is wholly in one language: a
// stored translation lacking a field the English has (the import never writes
// one) is not used. Pure and client-safe.
import { z } from "zod";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locales";

export type PhaseText = { title: string; summary: string; body: string };
export type CardText = { front: string; back: string };
/** A question's text; `choices` maps a choice id to its text. */
export type QuestionText = { prompt: string; explanation?: string; choices: Record<string, string> };
export type Translations<T> = Partial<Record<Locale, T>>;

const text = z.string().min(1);
const phaseText = z.object({ title: text, summary: text, body: z.string() });
const cardText = z.object({ front: text, back: text });
const questionText = z.object({
  prompt: text,
  explanation: text.optional(),
  choices: z.record(z.string(), text),
});

/**
 * A `translations` column read back. The import wrote it from validated files,
 * so nothing is thrown here: an unreadable column or language is left out and
 * English is shown instead of failing the page.
 */
function parseTranslations<T>(json: string | null | undefined, schema: z.ZodType<T>): Translations<T> {
  if (!json) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const out: Translations<T> = {};
  for (const [locale, value] of Object.entries(raw)) {
    if (!isLocale(locale) || locale === DEFAULT_LOCALE) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) out[locale] = parsed.data;
  }
  return out;
}

export const parsePhaseTranslations = (json: string | null | undefined) => parseTranslations(json, phaseText);
export const parseCardTranslations = (json: string | null | undefined) => parseTranslations(json, cardText);
export const parseQuestionTranslations = (json: string | null | undefined) => parseTranslations(json, questionText);

function pick<T>(translations: Translations<T> | undefined, locale: Locale): T | undefined {
  return locale === DEFAULT_LOCALE ? undefined : translations?.[locale];
}

/** The language a localized item's text is in. */
export type Lang = { lang: Locale };

/** `lang` when text in it needs marking on a page in `pageLocale` (the value of a `lang` attribute), else undefined. */
export function foreignLang(lang: Locale, pageLocale: string): Locale | undefined {
  return lang === pageLocale ? undefined : lang;
}

/** True when any of these items is in another language than the page: the page then says so once. */
export function hasForeignText(items: Iterable<Lang>, pageLocale: string): boolean {
  for (const item of items) if (item.lang !== pageLocale) return true;
  return false;
}

/** The phase with its title, summary and body in `locale` when translated, else as it is (English). */
export function localizePhase<P extends { title: string; summary: string; body?: string }>(
  phase: P,
  translations: Translations<PhaseText> | undefined,
  locale: Locale,
): P & Lang {
  const t = pick(translations, locale);
  if (!t || (phase.body && !t.body)) return { ...phase, lang: DEFAULT_LOCALE };
  return { ...phase, title: t.title, summary: t.summary, ...(phase.body !== undefined ? { body: t.body } : {}), lang: locale };
}

/** The card with its front and back in `locale` when translated, else as it is (English). */
export function localizeCard<C extends CardText>(
  card: C,
  translations: Translations<CardText> | undefined,
  locale: Locale,
): C & Lang {
  const t = pick(translations, locale);
  return t ? { ...card, front: t.front, back: t.back, lang: locale } : { ...card, lang: DEFAULT_LOCALE };
}

/**
 * The question with its prompt, explanation and choice texts in `locale` when
 * translated, else as it is (English). Choices keep their ids, order and any
 * other fields (such as `correct`): only their text changes.
 */
export function localizeQuestion<Q extends { prompt: string; explanation?: string; choices: { id: string; text: string }[] }>(
  question: Q,
  translations: Translations<QuestionText> | undefined,
  locale: Locale,
): Q & Lang {
  const t = pick(translations, locale);
  const complete = t && (!question.explanation || t.explanation) && question.choices.every((c) => t.choices[c.id]);
  if (!t || !complete) return { ...question, lang: DEFAULT_LOCALE };
  return {
    ...question,
    prompt: t.prompt,
    ...(question.explanation !== undefined ? { explanation: t.explanation ?? question.explanation } : {}),
    choices: question.choices.map((c) => ({ ...c, text: t.choices[c.id] ?? c.text })),
    lang: locale,
  };
}
