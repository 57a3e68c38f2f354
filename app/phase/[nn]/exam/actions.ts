"use server";
// Exam submission through formAction like every other form; only the reading
// differs, because the answers are a variable set of multi-valued fields
// (q.<questionId> → choice ids).
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { formatPhaseNumber, parsePhaseNumber } from "@/lib/content/phase-number";
import { startExam, submitExam } from "@/lib/exams/attempts";

const questionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const submission = z.object({
  phase: z.string().regex(/^\d{1,2}$/),
  startToken: z.string().max(200),
  answers: z
    .record(
      questionId,
      z
        .array(z.string().regex(/^[a-z]$/))
        .min(1)
        .max(8),
    )
    .refine((answers) => Object.keys(answers).length <= 200),
  expected: z.array(questionId).max(200),
  /** Sent by the countdown when time runs out: what is answered goes in, the rest counts as wrong. */
  timeUp: z.boolean(),
});

function readSubmission(formData: FormData) {
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    const m = /^q\.(.+)$/.exec(key);
    if (m?.[1] && typeof value === "string") (answers[m[1]] ??= []).push(value);
  }
  const str = (k: string) => (typeof formData.get(k) === "string" ? (formData.get(k) as string) : "");
  return {
    phase: str("phase"),
    startToken: str("startToken"),
    answers,
    expected: str("questionIds").split(",").filter(Boolean),
    timeUp: str("timeUp") === "1",
  };
}

/** A catalogue path: formAction translates it when the input does not validate. */
const unreadable = "exams.submit.unreadable";

export const submitExamAction = formAction(
  { schema: submission, access: "student", read: readSubmission, invalidMessage: unreadable },
  async (input, { user }) => {
    const t = await getTranslations("exams");
    const phaseNumber = parsePhaseNumber(input.phase);
    if (phaseNumber === null) return { status: "error", message: t("submit.unreadable") };
    const unanswered = input.expected.filter((id) => !input.answers[id]);
    if (unanswered.length && !input.timeUp) {
      const fieldErrors = Object.fromEntries(unanswered.map((id) => [id, t("submit.chooseAnswer")]));
      return { status: "error", message: t("submit.answerEvery", { count: unanswered.length }), fieldErrors };
    }
    const { attemptId } = await submitExam(user, phaseNumber, input.answers, input.startToken);
    redirect(`/phase/${formatPhaseNumber(phaseNumber)}/exam/${attemptId}`);
  },
);

const startInput = z.object({ phase: z.string().regex(/^\d{1,2}$/) });

/** The Start button of an exam with an attempt limit or a timer: starting spends an attempt. */
export const startExamAction = formAction({ schema: startInput, access: "student" }, async (input, { user }) => {
  const phaseNumber = parsePhaseNumber(input.phase);
  if (phaseNumber === null) notFound();
  await startExam(user, phaseNumber);
  redirect(`/phase/${formatPhaseNumber(phaseNumber)}/exam`);
});
