// Exam settings, pure: what exam.yaml may say, what an admin's override may say,
// and the effective settings (built-in defaults ← course file ← override).
// The defaults keep the portal's behaviour from before settings existed:
// unlimited attempts, no time limit, questions in file order, answers shown
// after each attempt. No "server-only": the course import reads this too.
import { z } from "zod";

export const SHOW_ANSWERS = ["never", "after-each", "after-last-attempt", "after-close"] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];

export type ExamSettings = {
  /** null: unlimited. */
  attempts: number | null;
  /** null: untimed. */
  timeLimitMinutes: number | null;
  shuffleQuestions: boolean;
  shuffleChoices: boolean;
  showAnswers: ShowAnswers;
  opensAt: Date | null;
  closesAt: Date | null;
};

export const DEFAULT_EXAM_SETTINGS: ExamSettings = {
  attempts: null,
  timeLimitMinutes: null,
  shuffleQuestions: false,
  shuffleChoices: false,
  showAnswers: "after-each",
  opensAt: null,
  closesAt: null,
};

export const MAX_ATTEMPTS = 100;
export const MAX_TIME_LIMIT_MINUTES = 600;
/** A submission this long after the deadline still counts: the form may be in flight when time runs out. */
export const EXAM_GRACE_MS = 30_000;

export const SETTING_KEYS = [
  "attempts",
  "timeLimitMinutes",
  "shuffleQuestions",
  "shuffleChoices",
  "showAnswers",
  "opensAt",
  "closesAt",
] as const satisfies readonly (keyof ExamSettings)[];

// An instant needs its offset: "09:00" alone would depend on the server's zone.
const instant = z.iso
  .datetime({ offset: true, message: "must be a date and time with a UTC offset, e.g. 2027-01-10T09:00:00+01:00" })
  .transform((s) => new Date(s));

/** The settings fields of exam.yaml (all optional; null means "none" for limits and dates). */
export const examSettingsFields = {
  attempts: z.number().int().min(1).max(MAX_ATTEMPTS).nullable().optional(),
  timeLimitMinutes: z.number().int().min(1).max(MAX_TIME_LIMIT_MINUTES).nullable().optional(),
  shuffleQuestions: z.boolean().optional(),
  shuffleChoices: z.boolean().optional(),
  showAnswers: z.enum(SHOW_ANSWERS).optional(),
  opensAt: instant.nullable().optional(),
  closesAt: instant.nullable().optional(),
};

export type PartialSettings = Partial<ExamSettings>;

/** Problems of a complete set of settings, as [field, message]; empty when consistent. */
export function settingsProblems(s: ExamSettings): [keyof ExamSettings, string][] {
  const problems: [keyof ExamSettings, string][] = [];
  if (s.opensAt && s.closesAt && s.closesAt.getTime() <= s.opensAt.getTime())
    problems.push(["closesAt", "must be later than opensAt"]);
  if (s.showAnswers === "after-close" && !s.closesAt)
    problems.push(["showAnswers", "after-close needs a closesAt date (otherwise answers would never show)"]);
  return problems;
}

export function mergeSettings(...layers: PartialSettings[]): ExamSettings {
  const merged: ExamSettings = { ...DEFAULT_EXAM_SETTINGS };
  for (const layer of layers) {
    for (const key of SETTING_KEYS) {
      if (layer[key] !== undefined) (merged as Record<string, unknown>)[key] = layer[key];
    }
  }
  return merged;
}

/** A partial set as stored in a text column (dates as ISO strings). */
export function serializeSettings(s: PartialSettings): string {
  return JSON.stringify(s); // Date#toJSON: ISO strings
}

const storedSettings = z.object({
  attempts: z.number().int().nullable().optional(),
  timeLimitMinutes: z.number().int().nullable().optional(),
  shuffleQuestions: z.boolean().optional(),
  shuffleChoices: z.boolean().optional(),
  showAnswers: z.enum(SHOW_ANSWERS).optional(),
  opensAt: z.iso
    .datetime()
    .transform((d) => new Date(d))
    .nullable()
    .optional(),
  closesAt: z.iso
    .datetime()
    .transform((d) => new Date(d))
    .nullable()
    .optional(),
});

/** Reads a stored partial set; a column this code did not write reads as no settings. */
export function parseStoredSettings(json: string | null | undefined): PartialSettings {
  if (!json) return {};
  try {
    const parsed = storedSettings.safeParse(JSON.parse(json));
    if (!parsed.success) return {};
    return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as PartialSettings;
  } catch {
    return {};
  }
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** The fields of `wanted` that differ from `base`: what an override stores, so the rest follows the course file. */
export function diffSettings(base: ExamSettings, wanted: ExamSettings): PartialSettings {
  const diff: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (!same(base[key], wanted[key])) diff[key] = wanted[key];
  return diff as PartialSettings;
}
