// Auto-grading, pure. Single choice: the one correct choice and nothing else.
// Multiple choice: exactly the set of correct choices (no partial credit).
// Unanswered questions and unknown choice ids count as wrong.
import { z } from "zod";

export type Choice = { id: string; text: string; correct: boolean };
export type GradableQuestion = { id: string; kind: "single" | "multiple"; choices: Choice[] };
export type Answers = Record<string, string[]>;
export type QuestionOutcome = { questionId: string; chosen: string[]; correct: boolean };
export type ExamGrade = {
  correctCount: number;
  total: number;
  score: number;
  passed: boolean;
  outcomes: QuestionOutcome[];
};

const choicesSchema = z.array(z.object({ id: z.string(), text: z.string(), correct: z.boolean().default(false) }));

/** ExamQuestion.choicesJson as written by the course import. */
export function parseChoices(json: string): Choice[] {
  return choicesSchema.parse(JSON.parse(json));
}

export function gradeQuestion(question: GradableQuestion, chosenRaw: readonly string[]): QuestionOutcome {
  const chosen = [...new Set(chosenRaw)].sort();
  const correctIds = question.choices
    .filter((c) => c.correct)
    .map((c) => c.id)
    .sort();
  const valid = chosen.every((id) => question.choices.some((c) => c.id === id));
  const shapeOk = question.kind === "single" ? chosen.length === 1 : chosen.length >= 1;
  const correct =
    valid && shapeOk && chosen.length === correctIds.length && chosen.every((id, i) => id === correctIds[i]);
  return { questionId: question.id, chosen, correct };
}

export function gradeExam(questions: readonly GradableQuestion[], answers: Answers, passMark: number): ExamGrade {
  const outcomes = questions.map((q) => gradeQuestion(q, answers[q.id] ?? []));
  const correctCount = outcomes.filter((o) => o.correct).length;
  const total = questions.length;
  const score = total ? correctCount / total : 0;
  // Compare on counts so 7/10 against 0.7 is a pass despite binary fractions.
  const passed = total > 0 && correctCount >= Math.ceil(passMark * total - 1e-9);
  return { correctCount, total, score, passed, outcomes };
}
