// The admin's side of exam settings (/admin/exams) and of a student's extra
// time (/admin/students/[id]). Every change is audited in its own transaction.
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { courseView } from "../content/course-snapshot";
import type { Lang } from "../content/localize";
import { db } from "../db/client";
import { DomainError, type ErrorKey } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import {
  diffSettings,
  type ExamSettings,
  mergeSettings,
  type PartialSettings,
  parseStoredSettings,
  serializeSettings,
  SETTING_KEYS,
  settingsProblems,
} from "./settings";

export type PhaseExamSettings = Lang & {
  phaseId: string;
  number: number;
  title: string;
  questionCount: number;
  /** What the course files give (defaults filled in). */
  course: ExamSettings;
  /** The fields an admin changed; empty when the course files rule. */
  overridden: (keyof ExamSettings)[];
  effective: ExamSettings;
};

export async function listExamSettings(
  actor: SessionUser,
  locale: Locale = DEFAULT_LOCALE,
): Promise<PhaseExamSettings[]> {
  assertRole(actor, "admin", "adminsOnlyExams");
  const phases = (await courseView(locale)).phases;
  const rows = await db().phase.findMany({
    where: { id: { in: phases.map((p) => p.id) } },
    select: { id: true, examSettings: true, examOverride: { select: { settings: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return phases.map((p) => {
    const row = byId.get(p.id);
    const course = mergeSettings(parseStoredSettings(row?.examSettings));
    const override = parseStoredSettings(row?.examOverride?.settings);
    return {
      phaseId: p.id,
      number: p.number,
      title: p.title,
      lang: p.lang,
      questionCount: p.questionCount,
      course,
      overridden: SETTING_KEYS.filter((k) => override[k] !== undefined),
      effective: mergeSettings(course, override),
    };
  });
}

const PROBLEM_KEYS: Partial<Record<keyof ExamSettings, ErrorKey>> = {
  closesAt: "examClosesBeforeOpens",
  showAnswers: "examAfterCloseNeedsClose",
};

async function livePhase(number: number) {
  const phase = await db().phase.findFirst({
    where: { number, retiredAt: null },
    select: { id: true, number: true, examSettings: true, examOverride: { select: { settings: true } } },
  });
  if (!phase) throw new DomainError("not_found", "noExam");
  return phase;
}

function auditValues(changed: PartialSettings): Record<string, string | number | boolean | null> {
  return Object.fromEntries(
    Object.entries(changed).map(([k, v]) => [
      k,
      v instanceof Date ? v.toISOString() : (v as string | number | boolean | null),
    ]),
  );
}

/**
 * Sets a phase's exam settings. Only the fields that differ from the course
 * files are kept, so the others keep following exam.yaml. Attempts already
 * under way keep the deadline they started with.
 */
export async function updateExamSettings(
  actor: SessionUser,
  phaseNumber: number,
  wanted: ExamSettings,
  requestId: string | null = null,
): Promise<{ overridden: (keyof ExamSettings)[] }> {
  assertRole(actor, "admin", "adminsOnlyExams");
  const problem = settingsProblems(wanted)[0];
  if (problem) throw new DomainError("invalid", PROBLEM_KEYS[problem[0]] ?? "examSettingsInvalid", problem[0]);
  const phase = await livePhase(phaseNumber);
  const course = mergeSettings(parseStoredSettings(phase.examSettings));
  const before = mergeSettings(course, parseStoredSettings(phase.examOverride?.settings));
  const diff: PartialSettings = diffSettings(course, wanted);
  const overridden = SETTING_KEYS.filter((k) => diff[k] !== undefined);
  await db().$transaction(async (tx) => {
    if (overridden.length) {
      const settings = serializeSettings(diff);
      await tx.examSettingsOverride.upsert({
        where: { phaseId: phase.id },
        create: { phaseId: phase.id, settings, updatedById: actor.id },
        update: { settings, updatedById: actor.id },
      });
    } else {
      await tx.examSettingsOverride.deleteMany({ where: { phaseId: phase.id } });
    }
    await recordEvent(tx, {
      actorId: actor.id,
      action: "exam.settings_changed",
      targetType: "phase",
      targetId: phase.id,
      requestId,
      // What changed, one short key=value each (the audit page shows details one a line).
      detail: { phase: phase.number, ...auditValues(diffSettings(before, wanted)) },
    });
  });
  return { overridden };
}

/** Drops the admin's changes: the course files' settings apply again. */
export async function resetExamSettings(actor: SessionUser, phaseNumber: number, requestId: string | null = null) {
  assertRole(actor, "admin", "adminsOnlyExams");
  const phase = await livePhase(phaseNumber);
  await db().$transaction(async (tx) => {
    await tx.examSettingsOverride.deleteMany({ where: { phaseId: phase.id } });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "exam.settings_reset",
      targetType: "phase",
      targetId: phase.id,
      requestId,
      detail: { phase: phase.number },
    });
  });
}

export const MAX_TIME_MULTIPLIER = 4;

/** A student's extra time on every timed exam: 1 (none) to 4×; applies to attempts started afterwards. */
export async function setExamAccommodation(
  actor: SessionUser,
  studentId: string,
  multiplier: number,
  requestId: string | null = null,
): Promise<void> {
  assertRole(actor, "admin", "adminsOnlyExams");
  if (!Number.isFinite(multiplier) || multiplier < 1 || multiplier > MAX_TIME_MULTIPLIER)
    throw new DomainError("invalid", "accommodationRange", "multiplier");
  const value = Math.round(multiplier * 100) / 100;
  await db().$transaction(async (tx) => {
    const student = await tx.user.findFirst({ where: { id: studentId, role: "student" }, select: { id: true } });
    if (!student) throw new DomainError("not_found", "noSuchStudent");
    const before = await tx.examAccommodation.findUnique({ where: { userId: student.id } });
    if (value === 1) await tx.examAccommodation.deleteMany({ where: { userId: student.id } });
    else
      await tx.examAccommodation.upsert({
        where: { userId: student.id },
        create: { userId: student.id, timeMultiplier: value },
        update: { timeMultiplier: value },
      });
    await recordEvent(tx, {
      actorId: actor.id,
      action: "student.exam_accommodation",
      targetType: "user",
      targetId: student.id,
      requestId,
      detail: { from: before?.timeMultiplier ?? 1, to: value },
    });
  });
}

/** The multiplier shown on the admin's student page (the page view itself is audited there). */
export async function examAccommodationFor(actor: SessionUser, studentId: string): Promise<number> {
  assertRole(actor, "admin", "adminsOnlyExams");
  const row = await db().examAccommodation.findUnique({
    where: { userId: studentId },
    select: { timeMultiplier: true },
  });
  return row?.timeMultiplier ?? 1;
}
