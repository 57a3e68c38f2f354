"use server";
// People on /admin/students besides students' invites: inviting a co-teacher (an
// admin account), archiving a student who left and restoring them.
import { revalidatePath } from "next/cache";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { inviteCoTeacher } from "@/lib/admin/invites";
import { stepUpNeeded, stepUpPath } from "@/lib/auth/second-factor/step-up";
import { setStudentArchived } from "@/lib/admin/students";
import { emailField, nameField } from "@/lib/auth/schemas";
import { absoluteUrl } from "@/lib/config/base-url";

type InviteData = { url?: string; person?: { name: string; email: string } };

export const inviteCoTeacherAction = formAction(
  { schema: z.object({ email: emailField, name: nameField }), access: "admin", echo: ["email", "name"] },
  async (input, { user, requestId }): Promise<FormState<InviteData>> => {
    // A new admin is a role change: an old second-factor check is made again first (lib/ enforces it too).
    if (await stepUpNeeded(user)) redirect(stepUpPath("/admin/students"));
    const invite = await inviteCoTeacher(user, input, requestId, await getLocale());
    revalidatePath("/admin/students");
    const [t, format] = await Promise.all([getTranslations("admin"), getFormatter()]);
    const expires = format.dateTime(invite.expiresAt, { dateStyle: "long", timeStyle: "long", timeZone: "UTC" });
    return {
      status: "success",
      message: t(invite.emailed ? "people.coTeacherEmailed" : "people.coTeacherInvited", {
        email: invite.email,
        expires,
      }),
      data: { url: absoluteUrl(invite.path), person: { name: invite.name, email: invite.email } },
      values: { email: "", name: "" },
    };
  },
);

const archiveInput = z.object({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "admin.actions.unknownStudent"),
  name: z.string().max(200),
});

export const archiveStudentAction = formAction(
  { schema: archiveInput, access: "admin" },
  async (input, { user, requestId }) => {
    await setStudentArchived(user, input.studentId, true, requestId);
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return { status: "success", message: t("people.archived", { name: input.name }) };
  },
);

export const unarchiveStudentAction = formAction(
  { schema: archiveInput, access: "admin" },
  async (input, { user, requestId }) => {
    await setStudentArchived(user, input.studentId, false, requestId);
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return { status: "success", message: t("people.unarchived", { name: input.name }) };
  },
);
