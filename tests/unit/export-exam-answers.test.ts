import { describe, expect, it } from "vitest";
import { type ExportQuestion, answeredQuestionIds, answersInWords } from "@/lib/export/exam-answers";

const q1: ExportQuestion = {
  id: "q1",
  prompt: "Which level fits a retried payment?",
  choices: [
    { id: "a", text: "debug", correct: false },
    { id: "b", text: "warn", correct: true },
    { id: "c", text: "error", correct: false },
  ],
};
const questions = new Map([[q1.id, q1]]);

describe("exam answers in the export", () => {
  it("name the question, the chosen answers and the right ones in words", () => {
    const payload = { v: 1, outcomes: [{ questionId: "q1", chosen: ["a", "c"], correct: false }] };
    expect(answeredQuestionIds(payload)).toEqual(["q1"]);
    expect(answersInWords(payload, questions)).toEqual([
      {
        question: "Which level fits a retried payment?",
        yourAnswers: ["debug", "error"],
        correctAnswers: ["warn"],
        correct: false,
      },
    ]);
  });

  it("say so when a question or choice has left the course", () => {
    const payload = {
      v: 1,
      outcomes: [
        { questionId: "gone", chosen: ["b"], correct: true },
        { questionId: "q1", chosen: ["z"], correct: false },
      ],
    };
    const [gone, changed] = answersInWords(payload, questions) as { question: string; yourAnswers: string[] }[];
    expect(gone).toMatchObject({
      question: "(a question no longer in the course, id gone)",
      yourAnswers: ["(choice b)"],
    });
    expect(changed!.yourAnswers).toEqual(["(choice z, no longer offered)"]);
  });

  it("pass any other payload through unchanged", () => {
    for (const payload of ["(could not be decrypted)", null, { v: 2, outcomes: [] }, "plain text"]) {
      expect(answersInWords(payload, questions)).toEqual(payload);
      expect(answeredQuestionIds(payload)).toBeNull();
    }
  });
});
