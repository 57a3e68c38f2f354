// Reads the course from content/: a folder per phase with phase.md (front matter),
// cards.yaml and exam.yaml. Everything is validated; errors name the file.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import { z } from "zod";

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
const examFile = z.object({ passMark: z.number().gt(0).max(1).default(0.7), questions: z.array(question) });

export type CourseCard = z.infer<typeof cardsFile>[number];
export type CourseQuestion = z.infer<typeof question>;
export type CoursePhase = z.infer<typeof phaseFrontMatter> & {
  body: string;
  passMark: number;
  cards: CourseCard[];
  questions: CourseQuestion[];
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
  return { ...front, body: parsed.content.trim(), passMark: exam.passMark, cards, questions: exam.questions };
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
  return phases;
}
