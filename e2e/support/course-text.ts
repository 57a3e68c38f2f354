// Course text as the page shows it: exam prompts and choices are rendered as
// inline markdown, so `code` loses its backticks. And the course files of a
// phase in a language: the Spanish files (phase.es.md, cards.es.yaml,
// exam.es.yaml) carry text only, by id, and English is the fallback per item,
// as lib/content/course-files.ts reads them.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parse } from "yaml";
import type { Locale } from "./i18n";

export function shownText(markdown: string): string {
  return markdown.replace(/`/g, "");
}

export type CourseCard = { id: string; front: string; back: string };
export type CourseQuestion = {
  id: string;
  kind: string;
  prompt: string;
  explanation?: string;
  choices: { id: string; text: string; correct?: boolean }[];
};
export type CoursePhase = {
  title: string;
  summary: string;
  passMark: number;
  cards: CourseCard[];
  questions: CourseQuestion[];
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

type ExamTranslation = {
  questions: { id: string; prompt: string; explanation?: string; choices: { id: string; text: string }[] }[];
};

/** A phase's text in a language, each item in English where that language's files lack it. */
export function phaseIn(nn: string, locale: Locale): CoursePhase {
  const dir = phaseDir(nn);
  const front = matter(readFileSync(path.join(dir, "phase.md"), "utf8")).data as { title: string; summary: string };
  const cards = parse(readFileSync(path.join(dir, "cards.yaml"), "utf8")) as CourseCard[];
  const exam = parse(readFileSync(path.join(dir, "exam.yaml"), "utf8")) as {
    passMark?: number;
    questions: CourseQuestion[];
  };
  const english: CoursePhase = {
    title: front.title,
    summary: front.summary,
    passMark: exam.passMark ?? 0.7,
    cards,
    questions: exam.questions,
    files: { phase: true, cards: true, exam: true },
  };
  if (locale === "en") return english;

  const phaseFile = path.join(dir, `phase.${locale}.md`);
  const cardsFile = path.join(dir, `cards.${locale}.yaml`);
  const examFile = path.join(dir, `exam.${locale}.yaml`);
  const files = { phase: existsSync(phaseFile), cards: existsSync(cardsFile), exam: existsSync(examFile) };
  const translatedFront = files.phase
    ? (matter(readFileSync(phaseFile, "utf8")).data as { title: string; summary: string })
    : front;
  const translatedCards = new Map(
    (files.cards ? (parse(readFileSync(cardsFile, "utf8")) as CourseCard[]) : []).map((c) => [c.id, c]),
  );
  const translatedQuestions = new Map(
    (files.exam ? (parse(readFileSync(examFile, "utf8")) as ExamTranslation).questions : []).map((q) => [q.id, q]),
  );
  return {
    ...english,
    title: translatedFront.title,
    summary: translatedFront.summary,
    cards: cards.map((c) => {
      const t = translatedCards.get(c.id);
      return t ? { ...c, front: t.front, back: t.back } : c;
    }),
    questions: exam.questions.map((q) => {
      const t = translatedQuestions.get(q.id);
      if (!t) return q;
      return {
        ...q,
        prompt: t.prompt,
        ...(t.explanation ? { explanation: t.explanation } : {}),
        choices: q.choices.map((c) => ({ ...c, text: t.choices.find((tc) => tc.id === c.id)?.text ?? c.text })),
      };
    }),
    files,
  };
}
