"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { type RunView, startOptimizeRun } from "@/lib/admin/fsrs-runs";

// The button sends confirm=optimize: a post without it (a stray or forged payload) starts nothing.
export const startOptimizerAction = formAction(
  { schema: z.object({ confirm: z.literal("optimize", "errors.optimizerConfirm") }), access: "admin" },
  async (_input, { user, requestId }) => {
    const run: RunView = await startOptimizeRun(user, requestId);
    return { status: "success", data: run };
  },
);
