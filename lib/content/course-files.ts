// Reads the course from content/: a folder per phase with phase.md (front matter),
// cards.yaml and exam.yaml, and beside them the same files in other languages
// (phase.es.md, cards.es.yaml, exam.es.yaml). Those carry text only: ids, kinds,
// correctness, pass marks and order stay in the English files, and a translation
// may cover some cards or questions only (English is the fallback per item).
// Everything is validated; errors name the file (and the item). Markdown fields must
// render as written: see lib/content/code-spans.ts for how inline code holds backticks.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import { z } from "zod";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "../i18n/locales";
import { codeSpanProblem } from "./code-spans";
import { courseFile, type PhaseDates, resolveCourseMoment } from "./course-dates";
import type { CardText, PhaseText, QuestionText } from "./localize";
import { examSettingsFields, mergeSettings, type PartialSettings, SETTING_KEYS, settingsProblems } from "../exams/settings";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a kebab-case slug");

const phaseFrontMatter = z.object({
  number: z.number().int().min(1).max(99),
  slug,
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(300),
});

const cardsFile = z.array(z.object({ id: slug, front: z.string().min(1), back: z.string().min(1) }));

const choice = z.object({ id: z.string().regex(/^[a-z]$/), text: z.string().min(1), correct: z.boolean().default(false) });
const question = z
  .object({
    id: slug,
    kind: z.enum(["single", "multiple"]),
    prompt: z.string().min(1),
    choices: z.array(choice).min(2).max(8),
    explanation: z.string().default(""),
  })
  .refine((q) => (q.kind === "single" ? q.choices.filter((c) => c.correct).length === 1 : q.choices.some((c) => c.correct)), {
    message: "a single-choice question needs exactly one correct choice, a multiple-choice one at least one",
  });
// Strict: a misspelt setting (timelimitMinutes) is an error, not a silently ignored key.
const examFile = z.strictObject({
  passMark: z.number().gt(0).max(1).default(0.7),
  questions: z.array(question),
  ...examSettingsFields,
});

// Translations: text fields only (strict, so a `correct`, `kind` or `passMark` there is an error).
const phaseTranslationFrontMatter = z.strictObject({ title: z.string().min(1).max(120), summary: z.string().min(1).max(300) });
const cardsTranslationFile = z.array(z.strictObject({ id: slug, front: z.string().min(1), back: z.string().min(1) }));
const translatedChoice = z.strictObject({ id: z.string().regex(/^[a-z]$/), text: z.string().min(1) });
const examTranslationFile = z.strictObject({
  questions: z.array(
    z.strictObject({
      id: slug,
      prompt: z.string().min(1),
      explanation: z.string().min(1).optional(),
      choices: z.array(translatedChoice).min(1),
    }),
  ),
});

/** The languages content files may be translated into (English is the files without a language suffix). */
export const TRANSLATED_LOCALES: readonly Locale[] = LOCALES.filter((l) => l !== DEFAULT_LOCALE);

export type CourseCard = z.infer<typeof cardsFile>[number];
export type CourseQuestion = z.infer<typeof question>;
/** One language's text for a phase: its page (when phase.<lang>.md exists), and cards and questions by id. */
export type CourseTranslation = {
  phase?: PhaseText;
  cards: Record<string, CardText>;
  questions: Record<string, QuestionText>;
};
export type CoursePhase = z.infer<typeof phaseFrontMatter> & {
  body: string;
  passMark: number;
  /** The exam settings exam.yaml gives; the rest are the defaults (lib/exams/settings.ts). */
  examSettings: PartialSettings;
  cards: CourseCard[];
  questions: CourseQuestion[];
  /** Languages other than English that have at least one file for this phase. */
  translations: Partial<Record<Locale, CourseTranslation>>;
  /** When it opens and is due, as written in course.yaml (lib/content/course-dates.ts). */
  dates?: PhaseDates;
};

export class ContentError extends Error {}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ContentError(`${file}: ${detail}`);
  }
  return result.data;
}

function uniqueIds(ids: string[], file: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new ContentError(`${file}: id "${id}" appears twice`);
    seen.add(id);
  }
}

/** Refuses markdown that would not render as written, naming the file and the item. */
function checkMarkdown(file: string, what: string, source: string | undefined): void {
  const problem = source ? codeSpanProblem(source) : null;
  if (problem) throw new ContentError(`${file}: ${what}: ${problem}`);
}

type QuestionMarkdown = { id: string; prompt: string; explanation?: string; choices: { id: string; text: string }[] };

function checkQuestionMarkdown(file: string, questions: QuestionMarkdown[]): void {
  for (const q of questions) {
    checkMarkdown(file, `question "${q.id}" prompt`, q.prompt);
    for (const c of q.choices) checkMarkdown(file, `question "${q.id}" choice "${c.id}"`, c.text);
    checkMarkdown(file, `question "${q.id}" explanation`, q.explanation);
  }
}

function checkCardMarkdown(file: string, cards: { id: string; front: string; back: string }[]): void {
  for (const c of cards) {
    checkMarkdown(file, `card "${c.id}" front`, c.front);
    checkMarkdown(file, `card "${c.id}" back`, c.back);
  }
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return YAML.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ContentError(`${file}: ${(error as Error).message}`);
  }
}

export function readPhase(dir: string): CoursePhase {
  const phaseFile = path.join(dir, "phase.md");
  if (!existsSync(phaseFile)) throw new ContentError(`${dir}: phase.md is missing`);
  const parsed = matter(readFileSync(phaseFile, "utf8"));
  const front = parseWith(phaseFrontMatter, parsed.data, phaseFile);
  const cards = parseWith(cardsFile, readYaml(path.join(dir, "cards.yaml")) ?? [], path.join(dir, "cards.yaml"));
  const exam = parseWith(examFile, readYaml(path.join(dir, "exam.yaml")) ?? { questions: [] }, path.join(dir, "exam.yaml"));
  uniqueIds(cards.map((c) => c.id), path.join(dir, "cards.yaml"));
  uniqueIds(exam.questions.map((q) => q.id), path.join(dir, "exam.yaml"));
  const body = parsed.content.trim();
  checkMarkdown(phaseFile, "the body", body);
  checkCardMarkdown(path.join(dir, "cards.yaml"), cards);
  checkQuestionMarkdown(path.join(dir, "exam.yaml"), exam.questions);
  checkTranslationFileNames(dir);
  const translations: CoursePhase["translations"] = {};
  for (const locale of TRANSLATED_LOCALES) {
    const translation = readTranslation(dir, locale, { body, cards, questions: exam.questions });
    if (translation) translations[locale] = translation;
  }
  const examSettings = settingsOf(exam, path.join(dir, "exam.yaml"));
  return { ...front, body, passMark: exam.passMark, examSettings, cards, questions: exam.questions, translations };
}

/** The settings fields exam.yaml sets, checked together (closesAt after opensAt, …). */
function settingsOf(exam: PartialSettings, file: string): PartialSettings {
  const given = Object.fromEntries(SETTING_KEYS.filter((k) => exam[k] !== undefined).map((k) => [k, exam[k]]));
  const problem = settingsProblems(mergeSettings(given))[0];
  if (problem) throw new ContentError(`${file}: ${problem[0]}: ${problem[1]}`);
  return given;
}

const TRANSLATION_FILE = /^(phase|cards|exam)\.([^.]+)\.(md|ya?ml)$/;

/** A phase.fr.md or cards.en.yaml would be silently ignored: name it instead. */
function checkTranslationFileNames(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = TRANSLATION_FILE.exec(name);
    if (!match) continue;
    const [, kind, lang, ext] = match;
    const expected = kind === "phase" ? "md" : "yaml";
    if (!(TRANSLATED_LOCALES as readonly string[]).includes(lang!) || ext !== expected) {
      throw new ContentError(
        `${path.join(dir, name)}: not a translation file; expected ${kind}.<${TRANSLATED_LOCALES.join("|")}>.${expected}`,
      );
    }
  }
}

/** One language's files of a phase, checked against the English ones; undefined when there are none. */
function readTranslation(
  dir: string,
  locale: Locale,
  english: { body: string; cards: CourseCard[]; questions: CourseQuestion[] },
): CourseTranslation | undefined {
  const phaseFile = path.join(dir, `phase.${locale}.md`);
  const cardsPath = path.join(dir, `cards.${locale}.yaml`);
  const examPath = path.join(dir, `exam.${locale}.yaml`);
  if (![phaseFile, cardsPath, examPath].some((f) => existsSync(f))) return undefined;
  const translation: CourseTranslation = { cards: {}, questions: {} };

  if (existsSync(phaseFile)) {
    const parsed = matter(readFileSync(phaseFile, "utf8"));
    const front = parseWith(phaseTranslationFrontMatter, parsed.data, phaseFile);
    const body = parsed.content.trim();
    if (english.body && !body) throw new ContentError(`${phaseFile}: the body is missing (phase.md has one)`);
    checkMarkdown(phaseFile, "the body", body);
    translation.phase = { title: front.title, summary: front.summary, body };
  }

  const cardsRaw = readYaml(cardsPath);
  if (cardsRaw !== undefined) {
    const cards = parseWith(cardsTranslationFile, cardsRaw ?? [], cardsPath);
    uniqueIds(cards.map((c) => c.id), cardsPath);
    checkCardMarkdown(cardsPath, cards);
    const known = new Set(english.cards.map((c) => c.id));
    for (const c of cards) {
      if (!known.has(c.id)) throw new ContentError(`${cardsPath}: card "${c.id}" is not in cards.yaml`);
      translation.cards[c.id] = { front: c.front, back: c.back };
    }
  }

  const examRaw = readYaml(examPath);
  if (examRaw !== undefined) {
    const exam = parseWith(examTranslationFile, examRaw ?? { questions: [] }, examPath);
    uniqueIds(exam.questions.map((q) => q.id), examPath);
    checkQuestionMarkdown(examPath, exam.questions);
    const byId = new Map(english.questions.map((q) => [q.id, q]));
    for (const q of exam.questions) {
      const source = byId.get(q.id);
      if (!source) throw new ContentError(`${examPath}: question "${q.id}" is not in exam.yaml`);
      uniqueIds(q.choices.map((c) => c.id), `${examPath} (question "${q.id}")`);
      const choiceIds = new Set(source.choices.map((c) => c.id));
      const extra = q.choices.find((c) => !choiceIds.has(c.id));
      if (extra) throw new ContentError(`${examPath}: question "${q.id}" has no choice "${extra.id}" in exam.yaml`);
      const missing = source.choices.find((c) => !q.choices.some((t) => t.id === c.id));
      if (missing) throw new ContentError(`${examPath}: question "${q.id}" does not translate choice "${missing.id}"`);
      if (source.explanation && !q.explanation) {
        throw new ContentError(`${examPath}: question "${q.id}" has no explanation (exam.yaml has one)`);
      }
      translation.questions[q.id] = {
        prompt: q.prompt,
        ...(q.explanation ? { explanation: q.explanation } : {}),
        // In the English order, whatever order the translation lists them in.
        choices: Object.fromEntries(source.choices.map((c) => [c.id, q.choices.find((t) => t.id === c.id)!.text])),
      };
    }
  }
  return translation;
}

/** course.yaml's dates per phase number, each phase's opening no later than its due date. */
function readCourseDates(contentDir: string, numbers: Set<number>): Map<number, PhaseDates> {
  const file = path.join(contentDir, "course.yaml");
  const course = parseWith(courseFile, readYaml(file) ?? {}, file);
  const dates = new Map<number, PhaseDates>();
  for (const [key, value] of Object.entries(course.phases ?? {})) {
    const number = Number(key);
    if (!numbers.has(number)) throw new ContentError(`${file}: phases.${key}: no phase has number ${key}`);
    const { opensAt, dueAt } = value;
    if (opensAt && dueAt && resolveCourseMoment(opensAt, "UTC", "start") > resolveCourseMoment(dueAt, "UTC", "end"))
      throw new ContentError(`${file}: phases.${key}: dueAt (${dueAt}) is before opensAt (${opensAt})`);
    dates.set(number, value);
  }
  return dates;
}

export function readCourse(contentDir: string): CoursePhase[] {
  const phasesDir = path.join(contentDir, "phases");
  if (!existsSync(phasesDir)) throw new ContentError(`${phasesDir} does not exist`);
  const phases = readdirSync(phasesDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => readPhase(path.join(phasesDir, e.name)))
    .sort((a, b) => a.number - b.number);
  uniqueIds(phases.map((p) => String(p.number)), `${phasesDir} (phase numbers)`);
  uniqueIds(phases.map((p) => p.slug), `${phasesDir} (phase slugs)`);
  const dates = readCourseDates(contentDir, new Set(phases.map((p) => p.number)));
  return phases.map((p) => ({ ...p, dates: dates.get(p.number) ?? {} }));
}
