"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { latestRun, type RunView, startOptimizeRun } from "@/lib/admin/fsrs-runs";

export const startOptimizerAction = formAction(
  { schema: z.object({}), access: "admin" },
  async (_input, { user, requestId }) => {
    const run: RunView = await startOptimizeRun(user, requestId);
    return { status: "success", data: run };
  },
);

export const optimizerStatusAction = formAction(
  { schema: z.object({}), access: "admin" },
  async (_input, { user }) => {
    const run = await latestRun(user);
    return { status: "success", data: run ?? undefined };
  },
);
