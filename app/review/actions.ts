"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { gradeCard, ReviewError, undoLastGrade } from "@/lib/review/grading";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Unknown card.");

export const gradeCardAction = formAction(
  { schema: z.object({ cardId: id, grade: z.string().regex(/^[0-5]$/, "Grades are whole numbers from 0 to 5.").transform(Number) }), access: "student" },
  async (input, { user }) => {
    try {
      const r = await gradeCard(user, input.cardId, input.grade);
      return {
        status: "success",
        message: r.redrill ? `Re-drill graded ${r.grade}.` : `Graded ${r.grade}; next review in ${r.intervalDays} day${r.intervalDays === 1 ? "" : "s"}.`,
        data: { logId: r.logId, cardId: r.cardId, redrill: String(r.redrill), needsRedrill: String(r.needsRedrill), dueAt: r.dueAt.toISOString() },
      };
    } catch (error) {
      if (error instanceof ReviewError) return { status: "error", message: error.message };
      throw error;
    }
  },
);

export const undoGradeAction = formAction({ schema: z.object({ logId: id }), access: "student" }, async (input, { user }) => {
  try {
    const r = await undoLastGrade(user, input.logId);
    return { status: "success", message: "Last grade undone.", data: { cardId: r.cardId } };
  } catch (error) {
    if (error instanceof ReviewError) return { status: "error", message: error.message };
    throw error;
  }
});
