// Translation outside a React render: server actions' messages, DomainErrors, zod
// issues, route handlers. Components use next-intl's getTranslations/useTranslations.
import { createTranslator } from "next-intl";
import { CATALOGUES } from "./catalogues";
import type { Locale } from "./locales";

const translators = new Map<Locale, ReturnType<typeof make>>();

function make(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGUES[locale] });
}

/** A translator over every namespace of the locale's catalogue (t("errors.noExam")). */
export function translatorFor(locale: Locale) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = make(locale)));
  return t;
}

// Catalogue paths look like "validation.enterEmail": a namespace, a dot, a key.
const PATH = /^[a-z]+(?:\.[A-Za-z0-9]+)+$/;

/**
 * Text that may be a catalogue path, as zod schemas carry their own messages
 * ("auth.enterPassword"): translated when it is one, returned as is otherwise.
 */
export function localizeText(text: string, locale: Locale, values?: Record<string, string | number>): string {
  const t = translatorFor(locale);
  if (!PATH.test(text) || !t.has(text as never)) return text;
  return t(text as never, values as never);
}
