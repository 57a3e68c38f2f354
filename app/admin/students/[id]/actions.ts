"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { issuePasswordReset } from "@/lib/auth/password-reset";
import { absoluteUrl } from "@/lib/config/base-url";

const studentId = z.object({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "admin.actions.unknownStudent"),
});

export const issueResetLinkAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    const reset = await issuePasswordReset(user, input.studentId, requestId);
    revalidatePath(`/admin/students/${input.studentId}`);
    const t = await getTranslations("admin");
    return {
      status: "success",
      message: t(reset.emailed ? "actions.resetEmailed" : "actions.resetCreated"),
      data: { url: absoluteUrl(reset.path), expiresAt: reset.expiresAt },
    };
  },
);
