import { describe, expect, it } from "vitest";
import { gradeExam, gradeQuestion, parseChoices, type GradableQuestion } from "@/lib/exams/grading";

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
