"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { stepUpNeeded, stepUpPath } from "@/lib/auth/second-factor/step-up";
import { issuePasswordReset } from "@/lib/auth/password-reset";
import { absoluteUrl } from "@/lib/config/base-url";
import { MAX_TIME_MULTIPLIER, setExamAccommodation } from "@/lib/exams/admin";

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
    // A reset link opens a student's account: the admin's second factor is checked again first when it is old.
    if (await stepUpNeeded(user)) redirect(stepUpPath(`/admin/students/${input.studentId}`));
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

const accommodation = studentId.extend({
  multiplier: z.coerce
    .number({ message: "errors.accommodationRange" })
    .min(1, "errors.accommodationRange")
    .max(MAX_TIME_MULTIPLIER, "errors.accommodationRange"),
});

/** Extra time on timed exams (1 = none); the change is audited in lib/exams/admin.ts. */
export const setAccommodationAction = formAction(
  {
    schema: accommodation,
    access: "admin",
    echo: ["multiplier"],
    // A Spanish keyboard types 1,5: read it as 1.5.
    read: (formData) => ({
      studentId: String(formData.get("studentId") ?? ""),
      multiplier: String(formData.get("multiplier") ?? "").replace(",", "."),
    }),
  },
  async (input, { user, requestId }) => {
    await setExamAccommodation(user, input.studentId, input.multiplier, requestId);
    revalidatePath(`/admin/students/${input.studentId}`);
    const t = await getTranslations("admin");
    return {
      status: "success",
      message:
        input.multiplier === 1
          ? t("accommodation.cleared")
          : t("accommodation.saved", { multiplier: input.multiplier }),
    };
  },
);
