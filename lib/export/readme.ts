// The export's README in the account's language. File and field names stay as
// they are in every language (a stable format for whoever reads the files); only
// the prose around them is translated.
import { translatorFor } from "../i18n/translate";
import type { Locale } from "../i18n/locales";

/** The archive's files in the order the README lists them, with the message describing each. */
const FILES = [
  ["notes/NN-slug.md", "account.export.notes"],
  ["reviews.json", "account.export.reviews"],
  ["review-states.json", "account.export.reviewStates"],
  ["exams.json", "account.export.exams"],
] as const;

export function exportReadme(user: { name: string; email: string }, now: Date, locale: Locale): string {
  const t = translatorFor(locale);
  return [
    t("account.export.made", { who: `${user.name} <${user.email}>`, date: now.toISOString() }),
    "",
    ...FILES.map(([file, key]) => `${file.padEnd(21)}${t(key)}`),
    "",
    t("account.export.format"),
    "",
  ].join("\n");
}

/** The text standing in for a journal note that could not be decrypted. */
export function unreadableNoteText(nn: string, title: string, locale: Locale): string {
  return `${translatorFor(locale)("account.export.unreadable", { nn, title })}\n`;
}
