// Exams end to end below the UI: grading, encrypted answers, results, isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { syncCourse } from "@/lib/content/sync";
import { getAttemptResult, listAttempts, loadExamSheet, submitExam } from "@/lib/exams/attempts";
import { parseChoices } from "@/lib/exams/grading";
import { createActiveUser } from "../helpers/fixtures";
import { databaseBytes, useTestDb } from "../helpers/test-db";

const t = useTestDb();
let rightAnswers: Record<string, string[]>;
let wrongAnswers: Record<string, string[]>;

beforeAll(async () => {
  await syncCourse();
  const phase = await t.db.phase.findFirstOrThrow({
    where: { number: 1 },
    include: { questions: { where: { retiredAt: null } } },
  });
  rightAnswers = {};
  wrongAnswers = {};
  for (const q of phase.questions) {
    const choices = parseChoices(q.choicesJson);
    rightAnswers[q.id] = choices.filter((c) => c.correct).map((c) => c.id);
    wrongAnswers[q.id] = [choices.find((c) => !c.correct)!.id];
  }
});

describe("exams", () => {
  it("the sheet never carries the correct flags", async () => {
    const { user } = await createActiveUser();
    const sheet = await loadExamSheet(user, 1);
    expect(sheet!.questions.length).toBe(Object.keys(rightAnswers).length);
    expect(JSON.stringify(sheet)).not.toMatch(/correct/);
    expect(await loadExamSheet(user, 99)).toBeNull();
  });

  it("grades, keeps the attempt with its time, and stores the answers encrypted", async () => {
    const { user } = await createActiveUser();
    const opened = new Date(Date.now() - 5 * 60_000);
    const sheet = await loadExamSheet(user, 1, opened);
    const ids = Object.keys(rightAnswers);
    // All right but one: the score and pass follow the phase's pass mark (0.7).
    const answers = { ...rightAnswers, [ids[0]!]: wrongAnswers[ids[0]!]! };
    // Five minutes after the start, whatever the sheet's load took on a busy machine.
    const now = new Date(opened.getTime() + 5 * 60_000);
    const { attemptId, score, passed } = await submitExam(user, 1, answers, sheet!.startToken, now);
    expect(score).toBeCloseTo((ids.length - 1) / ids.length);
    expect(passed).toBe(score >= 0.7);

    const row = await t.db.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row).toMatchObject({
      userId: user.id,
      correctCount: ids.length - 1,
      total: ids.length,
      startedAt: opened,
      submittedAt: now,
    });
    expect(row.ciphertext?.length).toBeGreaterThan(0);
    expect(row.keyId).toBeTruthy();
    const raw = Buffer.from(row.ciphertext!).toString("latin1");
    expect(raw).not.toContain(ids[0]!);
    expect(raw).not.toContain("chosen");

    // Nothing readable in the stored bytes either (the row itself is there: its id is plaintext).
    const files = databaseBytes(t);
    expect(files.includes(Buffer.from(attemptId))).toBe(true);
    expect(files.includes(Buffer.from(`"questionId":"${ids[0]}"`))).toBe(false);
    expect(files.includes(Buffer.from('"chosen"'))).toBe(false);

    const result = await getAttemptResult(user, 1, attemptId);
    expect(result).toMatchObject({ unreadable: false, correctCount: ids.length - 1, durationSeconds: 300 });
    expect(result!.questions).toHaveLength(ids.length);
    expect(result!.questions.find((q) => q.id === ids[0])).toMatchObject({
      correct: false,
      chosen: wrongAnswers[ids[0]!],
    });
    expect(result!.questions.filter((q) => q.correct)).toHaveLength(ids.length - 1);
    expect(result!.questions[0]!.explanation.length).toBeGreaterThan(0);

    expect((await listAttempts(user, row.phaseId)).map((a) => a.id)).toEqual([attemptId]);
  });

  it("refuses a forged, borrowed or spent attempt token and stores nothing; clamps stale untimed starts", async () => {
    const { user } = await createActiveUser();
    const now = new Date();
    const before = await t.db.examAttempt.count();
    await expect(
      submitExam(user, 1, rightAnswers, `${now.getTime() - 3600_000}.${"A".repeat(43)}`, now),
    ).rejects.toThrow(/not open any more/);
    const other = await createActiveUser();
    const foreign = await loadExamSheet(other.user, 1, new Date(now.getTime() - 600_000));
    await expect(submitExam(user, 1, rightAnswers, foreign!.startToken, now)).rejects.toThrow(/not open any more/);
    expect(await t.db.examAttempt.count()).toBe(before);
    const stale = await loadExamSheet(user, 1, new Date(now.getTime() - 48 * 3600_000));
    const late = await submitExam(user, 1, rightAnswers, stale!.startToken, now);
    const row = await t.db.examAttempt.findUniqueOrThrow({ where: { id: late.attemptId } });
    expect(now.getTime() - row.startedAt.getTime()).toBe(4 * 3600_000);
    expect(late).toMatchObject({ score: 1, passed: true });
    await expect(submitExam(user, 1, rightAnswers, stale!.startToken, now)).rejects.toThrow(/already submitted/);
    expect(await t.db.examAttempt.count()).toBe(before + 1);
  });

  it("a student never sees another's attempt, and moved ciphertext does not open", async () => {
    const a = await createActiveUser();
    const b = await createActiveUser();
    const sheetA = await loadExamSheet(a.user, 1);
    const attempt = await submitExam(a.user, 1, rightAnswers, sheetA!.startToken);
    expect(await getAttemptResult(b.user, 1, attempt.attemptId)).toBeNull();
    expect(await getAttemptResult(a.user, 2, attempt.attemptId)).toBeNull();

    // Copy A's sealed answers onto B's attempt row: the AAD binding refuses them.
    const sheetB = await loadExamSheet(b.user, 1);
    const attemptB = await submitExam(b.user, 1, wrongAnswers, sheetB!.startToken);
    const rowA = await t.db.examAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } });
    await t.db.examAttempt.update({
      where: { id: attemptB.attemptId },
      data: { ciphertext: rowA.ciphertext, iv: rowA.iv, keyId: rowA.keyId },
    });
    const tampered = await getAttemptResult(b.user, 1, attemptB.attemptId);
    expect(tampered).toMatchObject({ unreadable: true, questions: [] });
  });
});
