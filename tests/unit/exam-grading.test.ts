import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeExam, gradeQuestion, parseChoices, type GradableQuestion } from "@/lib/exams/grading";
import { clampStartedAt, MAX_EXAM_DURATION_MS, signExamStart, verifyExamStart } from "@/lib/exams/start-token";
import { resetEnvCache } from "@/lib/env";

const single: GradableQuestion = {
  id: "q1",
  kind: "single",
  choices: [
    { id: "a", text: "A", correct: false },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: false },
  ],
};
const multiple: GradableQuestion = {
  id: "q2",
  kind: "multiple",
  choices: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: false },
    { id: "c", text: "C", correct: true },
  ],
};

describe("exam grading", () => {
  it("single choice: exactly the correct choice", () => {
    expect(gradeQuestion(single, ["b"]).correct).toBe(true);
    expect(gradeQuestion(single, ["a"]).correct).toBe(false);
    expect(gradeQuestion(single, ["a", "b"]).correct).toBe(false);
    expect(gradeQuestion(single, []).correct).toBe(false);
  });

  it("multiple choice: the exact set, order and duplicates aside", () => {
    expect(gradeQuestion(multiple, ["c", "a"]).correct).toBe(true);
    expect(gradeQuestion(multiple, ["a", "c", "a"]).correct).toBe(true);
    expect(gradeQuestion(multiple, ["a"]).correct).toBe(false);
    expect(gradeQuestion(multiple, ["a", "b", "c"]).correct).toBe(false);
    expect(gradeQuestion(multiple, ["a", "c", "z"]).correct).toBe(false);
  });

  it("scores against the pass mark, unanswered counting as wrong", () => {
    const questions = Array.from({ length: 10 }, (_, i) => ({ ...single, id: `q${i}` }));
    const seven = Object.fromEntries(questions.slice(0, 7).map((q) => [q.id, ["b"]]));
    const r = gradeExam(questions, seven, 0.7);
    expect(r).toMatchObject({ correctCount: 7, total: 10, score: 0.7, passed: true });
    expect(r.outcomes.filter((o) => !o.correct).map((o) => o.questionId)).toEqual(["q7", "q8", "q9"]);
    expect(gradeExam(questions, { ...seven, q6: ["a"] }, 0.7)).toMatchObject({ correctCount: 6, passed: false });
    expect(gradeExam(questions.slice(0, 3), { q0: ["b"], q1: ["b"] }, 0.6)).toMatchObject({
      correctCount: 2,
      passed: true,
    });
    expect(gradeExam([], {}, 0.7)).toMatchObject({ total: 0, score: 0, passed: false });
  });

  it("reads the stored choices", () => {
    expect(parseChoices('[{"id":"a","text":"x","correct":true},{"id":"b","text":"y"}]')).toEqual([
      { id: "a", text: "x", correct: true },
      { id: "b", text: "y", correct: false },
    ]);
  });
});

describe("exam start token", () => {
  beforeAll(() => {
    Object.assign(process.env, {
      AUTH_SECRET: "unit-test-auth-secret-0123456789abcdef",
      PORTAL_MASTER_PASS: "unit-test-master-pass-long",
      MINIPORTAL_DATA_DIR: "/tmp/miniportal-unit-none",
    });
    resetEnvCache();
  });
  afterAll(() => resetEnvCache());

  it("round-trips for the same student and phase only", () => {
    const at = new Date("2026-03-14T10:00:00Z");
    const token = signExamStart("user1", "phase1", at);
    expect(verifyExamStart(token, "user1", "phase1")?.toISOString()).toBe(at.toISOString());
    expect(verifyExamStart(token, "user2", "phase1")).toBeNull();
    expect(verifyExamStart(token, "user1", "phase2")).toBeNull();
  });

  it("rejects a token whose time was edited, and garbage", () => {
    const token = signExamStart("user1", "phase1", new Date("2026-03-14T10:00:00Z"));
    const [ms, sig] = token.split(".");
    expect(verifyExamStart(`${Number(ms) - 3600_000}.${sig}`, "user1", "phase1")).toBeNull();
    expect(verifyExamStart("", "user1", "phase1")).toBeNull();
    expect(verifyExamStart("123.abc", "user1", "phase1")).toBeNull();
  });

  it("clamps the start between the submission minus the maximum duration and the submission", () => {
    const submitted = new Date("2026-03-14T12:00:00Z");
    expect(clampStartedAt(null, submitted)).toEqual(submitted);
    expect(clampStartedAt(new Date("2026-03-15T00:00:00Z"), submitted)).toEqual(submitted);
    expect(clampStartedAt(new Date("2026-03-01T00:00:00Z"), submitted).getTime()).toBe(
      submitted.getTime() - MAX_EXAM_DURATION_MS,
    );
    expect(clampStartedAt(new Date("2026-03-14T11:50:00Z"), submitted).toISOString()).toBe("2026-03-14T11:50:00.000Z");
  });
});
