"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { issuePasswordReset } from "@/lib/auth/password-reset";
import { absoluteUrl } from "@/lib/config/base-url";

const studentId = z.object({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "Unknown student."),
});

export const issueResetLinkAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    const reset = await issuePasswordReset(user, input.studentId, requestId);
    return {
      status: "success",
      message:
        "Reset link created. Send it to the student yourself; it works once, and any earlier link no longer does.",
      data: { url: absoluteUrl(reset.path), expiresAt: reset.expiresAt },
    };
  },
);
