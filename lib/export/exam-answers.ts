// The export's exams file names each question and the chosen answers in words
// (the sealed attempt holds only ids). Questions are looked up by id, retired
// ones included, as the result page does. Pure: collect.ts does the reading.
import { z } from "zod";

export type ExportQuestion = {
  id: string;
  prompt: string;
  choices: { id: string; text: string; correct: boolean }[];
};

/** `correctAnswers` and `correct` are left out while the exam's showAnswers setting hides them. */
export type AnswerInWords = {
  question: string;
  yourAnswers: string[];
  correctAnswers?: string[];
  correct?: boolean;
};

const sealedAnswers = z.object({
  v: z.literal(1),
  outcomes: z.array(z.object({ questionId: z.string(), chosen: z.array(z.string()), correct: z.boolean() })),
});

/** The question ids a sealed attempt refers to, or null if the payload is not one this portal wrote. */
export function answeredQuestionIds(payload: unknown): string[] | null {
  const parsed = sealedAnswers.safeParse(payload);
  return parsed.success ? parsed.data.outcomes.map((o) => o.questionId) : null;
}

/** The attempt's answers in words; a payload of another shape is returned as it is. */
export function answersInWords(
  payload: unknown,
  questions: ReadonlyMap<string, ExportQuestion>,
  answersShown = true,
): unknown {
  const parsed = sealedAnswers.safeParse(payload);
  if (!parsed.success) return payload;
  if (!answersShown) {
    return parsed.data.outcomes.map((o): AnswerInWords => {
      const q = questions.get(o.questionId);
      const text = new Map(q?.choices.map((c) => [c.id, c.text]));
      return {
        question: q?.prompt ?? `(a question no longer in the course, id ${o.questionId})`,
        yourAnswers: o.chosen.map((id) => text.get(id) ?? `(choice ${id})`),
      };
    });
  }
  return parsed.data.outcomes.map((o): AnswerInWords => {
    const q = questions.get(o.questionId);
    if (!q)
      return {
        question: `(a question no longer in the course, id ${o.questionId})`,
        yourAnswers: o.chosen.map((id) => `(choice ${id})`),
        correctAnswers: [],
        correct: o.correct,
      };
    const text = new Map(q.choices.map((c) => [c.id, c.text]));
    return {
      question: q.prompt,
      yourAnswers: o.chosen.map((id) => text.get(id) ?? `(choice ${id}, no longer offered)`),
      correctAnswers: q.choices.filter((c) => c.correct).map((c) => c.text),
      correct: o.correct,
    };
  });
}
