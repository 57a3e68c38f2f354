"use server";
import { revalidatePath } from "next/cache";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { stepUpNeeded, stepUpPath } from "@/lib/auth/second-factor/step-up";
import type { FormState } from "@/lib/actions/form-state";
import { pendingInviteFor } from "@/lib/admin/invites";
import { setStudentActive } from "@/lib/admin/students";
import { issueInvite } from "@/lib/auth/invites";
import { emailField, nameField } from "@/lib/auth/schemas";
import { absoluteUrl } from "@/lib/config/base-url";

type InviteData = { url?: string; person?: { name: string; email: string }; confirmReplace?: boolean };

export const inviteStudentAction = formAction(
  {
    schema: z.object({ email: emailField, name: nameField, replace: z.enum(["", "yes"]) }),
    access: "admin",
    echo: ["email", "name"],
  },
  async (input, { user, requestId }): Promise<FormState<InviteData>> => {
    // Re-inviting someone whose invite is still open replaces their name and link: ask first.
    const t = await getTranslations("admin");
    const pending = await pendingInviteFor(input.email);
    if (pending && input.replace !== "yes") {
      return {
        status: "error",
        message: t("actions.openInvite", { email: input.email, name: pending.name, newName: input.name }),
        data: { confirmReplace: true },
      };
    }
    const invite = await issueInvite({
      ...input,
      role: "student",
      actorId: user.id,
      requestId,
      mailIn: await getLocale(),
    });
    revalidatePath("/admin/students");
    const format = await getFormatter();
    const expires = format.dateTime(invite.expiresAt, {
      dateStyle: "long",
      timeStyle: "long",
      timeZone: user.timeZone,
    });
    return {
      status: "success",
      message: t(invite.emailed ? "actions.inviteEmailed" : "actions.inviteCreated", { email: invite.email, expires }),
      data: { url: absoluteUrl(invite.path), person: { name: invite.name, email: invite.email } },
      values: { email: "", name: "" },
    };
  },
);

const studentId = z.object({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+$/i, "admin.actions.unknownStudent"),
});

export const deactivateStudentAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    if (await stepUpNeeded(user)) redirect(stepUpPath("/admin/students"));
    await setStudentActive(user, input.studentId, false, requestId);
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return { status: "success", message: t("actions.deactivated") };
  },
);

export const reactivateStudentAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    await setStudentActive(user, input.studentId, true, requestId);
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return { status: "success", message: t("actions.reactivated") };
  },
);
