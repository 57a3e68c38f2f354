// Item analysis of a phase's exam from real, sealed attempts: choice counts, share
// correct and the corrected point-biserial, from each listed student's first attempt.
import { beforeAll, describe, expect, it } from "vitest";
import { setStudentArchived } from "@/lib/admin/students";
import type { SessionUser } from "@/lib/auth/session-user";
import { syncCourse } from "@/lib/content/sync";
import { loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { examQuestionStats } from "@/lib/exams/question-stats";
import { createActiveUser } from "../helpers/fixtures";
import { useTestDb } from "../helpers/test-db";

const t = useTestDb();
type Q = { id: string; right: string[]; wrong: string };
let questions: Q[];
let admin: SessionUser;

/** r_pb = (M1 − M0) / s · √(pq), s the population standard deviation: the textbook form, not the code's. */
function textbookPointBiserial(item: number[], rest: number[]): number {
  const n = item.length;
  const mean = rest.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(rest.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const ones = rest.filter((_, i) => item[i] === 1);
  const zeros = rest.filter((_, i) => item[i] === 0);
  const p = ones.length / n;
  const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return ((m(ones) - m(zeros)) / s) * Math.sqrt(p * (1 - p));
}

beforeAll(async () => {
  await syncCourse();
  admin = (await createActiveUser("admin")).user;
  const phase = await t.db.phase.findFirstOrThrow({ where: { number: 1 } });
  const rows = await t.db.examQuestion.findMany({
    where: { phaseId: phase.id, retiredAt: null },
    orderBy: { position: "asc" },
  });
  questions = rows.map((q) => {
    const choices = JSON.parse(q.choicesJson) as { id: string; correct?: boolean }[];
    return {
      id: q.id,
      right: choices.filter((c) => c.correct).map((c) => c.id),
      wrong: choices.find((c) => !c.correct)!.id,
    };
  });
  expect(questions.length).toBeGreaterThanOrEqual(6);
});

async function take(user: SessionUser, correct: (index: number) => boolean) {
  const sheet = await loadExamSheet(user, 1);
  const answers = Object.fromEntries(questions.map((q, i) => [q.id, correct(i) ? q.right : [q.wrong]]));
  await submitExam(user, 1, answers, sheet!.startToken);
}

describe("exam question statistics", () => {
  it("counts choices and finds the question that rewards the weaker students", async () => {
    // Student k answers k of questions 2-5 right; question 0 only the strong (k ≥ 3), question 1 only the weak.
    for (let k = 0; k < 6; k++) {
      const { user } = await createActiveUser();
      await take(user, (i) => (i === 0 ? k >= 3 : i === 1 ? k < 3 : i - 2 < Math.min(k, 4)));
      await take(user, () => true); // a second attempt: not counted
    }
    const archived = await createActiveUser();
    await take(archived.user, () => false);
    await setStudentArchived(admin, archived.user.id, true, null);

    const stats = (await examQuestionStats(admin, 1, "req-stats"))!;
    expect(stats.students).toBe(6);
    expect(stats.unreadable).toBe(0);
    const [q0, q1] = stats.questions;
    expect(q0!.answered).toBe(6);
    expect(q0!.correctShare).toBe(0.5);
    expect(q0!.choices.find((c) => c.id === questions[0]!.right[0])).toMatchObject({ correct: true, count: 3 });
    expect(q0!.choices.find((c) => c.id === questions[0]!.wrong)).toMatchObject({ correct: false, count: 3 });
    expect(q0!.discrimination).toBeCloseTo(textbookPointBiserial([0, 0, 0, 1, 1, 1], [1, 2, 3, 3, 4, 4]), 10);
    expect(q0!.discrimination).toBeGreaterThan(0.5);
    expect(q0!.flags).toEqual([]);
    expect(q1!.discrimination).toBeCloseTo(textbookPointBiserial([1, 1, 1, 0, 0, 0], [0, 1, 2, 4, 5, 5]), 10);
    expect(q1!.flags).toContain("negative");

    const event = await t.db.eventLog.findFirstOrThrow({ where: { action: "exam_stats.viewed" } });
    expect(event).toMatchObject({ actorId: admin.id, requestId: "req-stats" });
    expect(JSON.parse(event.detail!)).toEqual({ phase: 1 });
  });

  it("is for admins only and knows no phase that does not exist", async () => {
    const { user } = await createActiveUser();
    await expect(examQuestionStats(user, 1, null)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await examQuestionStats(admin, 99, null)).toBeNull();
  });
});
