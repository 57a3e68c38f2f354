"use server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "review.unknownCard");
// The answer on the page's scale: 0–5 for SM-2, 1–4 for FSRS; the server checks it
// against the student's own scheduler (a page from before a switch is refused).
const grade = z
  .string()
  .regex(/^[0-5]$/, "errors.gradeRange")
  .transform(Number);
const RATING_LABELS = { 1: "fsrs.rating.1", 2: "fsrs.rating.2", 3: "fsrs.rating.3", 4: "fsrs.rating.4" } as const;
// Absent (a client that does not say, as the load test's): the student's own scale.
const scale = z
  .enum(["", "sm2", "fsrs"])
  .optional()
  .transform((v) => (v ? v : undefined));

export const gradeCardAction = formAction(
  { schema: z.object({ cardId: id, grade, scale }), access: "student" },
  async (input, { user }) => {
    const r = await gradeCard(user, input.cardId, input.grade, new Date(), input.scale);
    const t = await getTranslations("review");
    if (r.scheduler === "fsrs") {
      const label = t(RATING_LABELS[r.rating as 1 | 2 | 3 | 4]);
      return {
        status: "success",
        message: r.redrill ? t("fsrs.redrillRated", { label }) : t("fsrs.rated", { label, days: r.intervalDays }),
        data: r,
      };
    }
    return {
      status: "success",
      message: r.redrill
        ? t("redrillGraded", { grade: r.grade })
        : t("graded", { grade: r.grade, days: r.intervalDays }),
      data: r,
    };
  },
);

export const undoGradeAction = formAction(
  { schema: z.object({ logId: id }), access: "student" },
  async (input, { user }) => {
    const r = await undoLastGrade(user, input.logId);
    const t = await getTranslations("review");
    return { status: "success", message: t("undone"), data: r };
  },
);
