"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { gradeCard, undoLastGrade } from "@/lib/review/grading";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "Unknown card.");
const grade = z
  .string()
  .regex(/^[0-5]$/, "Grades are whole numbers from 0 to 5.")
  .transform(Number);

export const gradeCardAction = formAction(
  { schema: z.object({ cardId: id, grade }), access: "student" },
  async (input, { user }) => {
    const r = await gradeCard(user, input.cardId, input.grade);
    const next = `next review in ${r.intervalDays} day${r.intervalDays === 1 ? "" : "s"}`;
    return {
      status: "success",
      message: r.redrill ? `Re-drill graded ${r.grade}.` : `Graded ${r.grade}; ${next}.`,
      data: r,
    };
  },
);

export const undoGradeAction = formAction(
  { schema: z.object({ logId: id }), access: "student" },
  async (input, { user }) => {
    const r = await undoLastGrade(user, input.logId);
    return { status: "success", message: "Last grade undone.", data: r };
  },
);
