// Course text as the page shows it: course markdown parsed by the parser the
// renderer uses (lib/content/code-spans.ts), so `code` loses its delimiting
// backticks and keeps any it holds (`` log.info(`id`) ``). And the course files
// of a phase in a language, read by lib/content/course-files.ts and localized by
// lib/content/localize.ts, English being the fallback per item (its `lang`).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Nodes } from "mdast";
import { parseCourseMarkdown } from "../../lib/content/code-spans";
import { type CoursePhase as ContentPhase, readPhase } from "../../lib/content/course-files";
import { type Lang, localizeCard, localizePhase, localizeQuestion } from "../../lib/content/localize";
import type { Locale } from "./i18n";

const LEAF_BLOCKS = new Set(["paragraph", "heading", "tableCell", "code"]);

function textOf(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode" || node.type === "code") return node.value;
  if (node.type === "break") return " ";
  return "children" in node ? node.children.map(textOf).join("") : "";
}

/** The text a line of course markdown shows (an exam choice, a card front). */
export function shownText(markdown: string): string {
  return textOf(parseCourseMarkdown(markdown)).replace(/\s+/g, " ").trim();
}

/** The text of each paragraph, heading, table cell and code block of course markdown (a phase body). */
export function shownBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const visit = (node: Nodes) => {
    if (LEAF_BLOCKS.has(node.type)) blocks.push(textOf(node).replace(/\s+/g, " ").trim());
    else if ("children" in node) node.children.forEach(visit);
  };
  visit(parseCourseMarkdown(markdown));
  return blocks.filter(Boolean);
}

export type CoursePhase = Pick<ContentPhase, "title" | "summary" | "body" | "passMark"> &
  Lang & {
    cards: (ContentPhase["cards"][number] & Lang)[];
    questions: (ContentPhase["questions"][number] & Lang)[];
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
    ...localizePhase({ title: phase.title, summary: phase.summary, body: phase.body }, one(text?.phase), locale),
    passMark: phase.passMark,
    cards: phase.cards.map((c) => localizeCard(c, one(text?.cards[c.id]), locale)),
    questions: phase.questions.map((q) => localizeQuestion(q, one(text?.questions[q.id]), locale)),
    files,
  };
}

/** Every phase number of the course ("01", "02", …). */
export function phaseNumbers(): string[] {
  return readdirSync("content/phases")
    .map((d) => /^(\d\d)-/.exec(d)?.[1])
    .filter((nn): nn is string => !!nn)
    .sort();
}

/**
 * What a page in `locale` shows of course text that has no translation into it
 * (English), as page text: titles, summaries, body blocks, cards, questions,
 * choices and explanations. Text that a translated item shows too (code that
 * reads the same in both) is left out: it may rightly appear without a lang.
 */
export function untranslatedTexts(locale: Locale): string[] {
  const foreign = new Set<string>();
  const own = new Set<string>();
  for (const nn of phaseNumbers()) {
    const phase = phaseIn(nn, locale);
    const add = (item: Lang, texts: string[]) => {
      for (const text of texts) (item.lang === locale ? own : foreign).add(text);
    };
    add(phase, [phase.title, phase.summary, ...shownBlocks(phase.body)]);
    for (const c of phase.cards) add(c, [...shownBlocks(c.front), ...shownBlocks(c.back)]);
    for (const q of phase.questions) {
      add(q, [shownText(q.prompt), ...q.choices.map((c) => shownText(c.text)), ...shownBlocks(q.explanation)]);
    }
  }
  return [...foreign].filter((text) => !own.has(text));
}
