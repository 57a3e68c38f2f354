// Exam helpers for integration tests: a phase's right and wrong answers by id,
// and setting a phase's exam settings as an admin would on /admin/exams.
import type { SessionUser } from "@/lib/auth/session-user";
import { updateExamSettings } from "@/lib/exams/admin";
import { parseChoices } from "@/lib/exams/grading";
import { type ExamSettings, mergeSettings } from "@/lib/exams/settings";
import type { TestDb } from "./test-db";

export async function answersOf(t: TestDb, number: number) {
  const phase = await t.db.phase.findFirstOrThrow({
    where: { number },
    include: { questions: { where: { retiredAt: null }, orderBy: { position: "asc" } } },
  });
  const right: Record<string, string[]> = {};
  const wrong: Record<string, string[]> = {};
  for (const q of phase.questions) {
    const choices = parseChoices(q.choicesJson);
    right[q.id] = choices.filter((c) => c.correct).map((c) => c.id);
    wrong[q.id] = [choices.find((c) => !c.correct)!.id];
  }
  return { phaseId: phase.id, right, wrong, questionIds: phase.questions.map((q) => q.id) };
}

/** The shipped course sets no exam settings: these are the whole effective set. */
export function configureExam(admin: SessionUser, number: number, settings: Partial<ExamSettings>) {
  return updateExamSettings(admin, number, mergeSettings(settings));
}
