// Course text as the page shows it: exam prompts and choices are rendered as
// inline markdown, so `code` loses its backticks. And the course files of a
// phase in a language, read by lib/content/course-files.ts and localized by
// lib/content/localize.ts, English being the fallback per item.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { type CoursePhase as ContentPhase, readPhase } from "../../lib/content/course-files";
import { localizeCard, localizePhase, localizeQuestion } from "../../lib/content/localize";
import type { Locale } from "./i18n";

export function shownText(markdown: string): string {
  return markdown.replace(/`/g, "");
}

export type CoursePhase = Pick<ContentPhase, "title" | "summary" | "passMark" | "cards" | "questions"> & {
  /** Which of the phase's files exist in the language asked for (always all three in English). */
  files: { phase: boolean; cards: boolean; exam: boolean };
};

/** content/phases/<nn>-<slug>, for a phase number such as "01". */
export function phaseDir(nn: string): string {
  const root = "content/phases";
  const name = readdirSync(root).find((d) => d.startsWith(`${nn}-`));
  if (!name) throw new Error(`no phase ${nn} under ${root}`);
  return path.join(root, name);
}

/** A phase's text in a language, read and localized as the portal does (English per item where untranslated). */
export function phaseIn(nn: string, locale: Locale): CoursePhase {
  const dir = phaseDir(nn);
  const phase = readPhase(dir);
  const exists = (file: string) => locale === "en" || existsSync(path.join(dir, file.replace(".", `.${locale}.`)));
  const files = { phase: exists("phase.md"), cards: exists("cards.yaml"), exam: exists("exam.yaml") };
  const text = phase.translations[locale];
  const one = <T>(t: T | undefined) => (t ? { [locale]: t } : undefined);
  return {
    ...localizePhase({ title: phase.title, summary: phase.summary }, one(text?.phase), locale),
    passMark: phase.passMark,
    cards: phase.cards.map((c) => localizeCard(c, one(text?.cards[c.id]), locale)),
    questions: phase.questions.map((q) => localizeQuestion(q, one(text?.questions[q.id]), locale)),
    files,
  };
}
