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
const grade = z
  .string()
  .regex(/^[0-5]$/, "errors.gradeRange")
  .transform(Number);

export const gradeCardAction = formAction(
  { schema: z.object({ cardId: id, grade }), access: "student" },
  async (input, { user }) => {
    const r = await gradeCard(user, input.cardId, input.grade);
    const t = await getTranslations("review");
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
