"use server";
// Exam submission. Not built on formAction because the answers are a variable
// set of multi-valued fields (q.<questionId> → choice ids); the pattern is the
// same: session check, zod validation, lib/ call, FormState (or a redirect).
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormState } from "@/lib/actions/form-state";
import { NOT_A_FORM } from "@/lib/actions/form-action";
import { getCurrentUser } from "@/lib/auth/current-user";
import { parsePhaseNumber } from "@/lib/content/phases";
import { ExamError, submitExam } from "@/lib/exams/attempts";
import { formatPhaseNumber } from "@/lib/content/phase-number";

const submission = z.object({
  phase: z.string().regex(/^\d{1,2}$/),
  startToken: z.string().max(200),
  answers: z.record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), z.array(z.string().regex(/^[a-z]$/)).min(1).max(8)),
  expected: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(200),
});

function readSubmission(formData: FormData) {
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    const m = /^q\.(.+)$/.exec(key);
    if (m?.[1] && typeof value === "string") (answers[m[1]] ??= []).push(value);
  }
  const str = (k: string) => (typeof formData.get(k) === "string" ? (formData.get(k) as string) : "");
  return { phase: str("phase"), startToken: str("startToken"), answers, expected: str("questionIds").split(",").filter(Boolean) };
}

export async function submitExamAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.role !== "student") return { status: "error", message: "Only students take exams." };
  if (!(formData instanceof FormData)) return { status: "error", message: NOT_A_FORM };
  const parsed = submission.safeParse(readSubmission(formData));
  const phaseNumber = parsed.success ? parsePhaseNumber(parsed.data.phase) : null;
  if (!parsed.success || phaseNumber === null || Object.keys(parsed.data.answers).length > 200) {
    return { status: "error", message: "This submission could not be read. Reload the exam and try again." };
  }
  const unanswered = parsed.data.expected.filter((id) => !parsed.data.answers[id]);
  if (unanswered.length) {
    const fieldErrors = Object.fromEntries(unanswered.map((id) => [id, "Choose an answer."]));
    return { status: "error", message: `Answer every question first (${unanswered.length} left).`, fieldErrors };
  }
  let attemptId: string;
  try {
    ({ attemptId } = await submitExam(user, phaseNumber, parsed.data.answers, parsed.data.startToken));
  } catch (error) {
    if (error instanceof ExamError) return { status: "error", message: error.message };
    throw error;
  }
  redirect(`/phase/${formatPhaseNumber(phaseNumber)}/exam/${attemptId}`);
}
