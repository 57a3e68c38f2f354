"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { latestRun, type RunView, startOptimizeRun } from "@/lib/admin/fsrs-runs";

// The button sends confirm=optimize: a post without it (a stray or forged payload) starts nothing.
export const startOptimizerAction = formAction(
  { schema: z.object({ confirm: z.literal("optimize", "errors.optimizerConfirm") }), access: "admin" },
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
