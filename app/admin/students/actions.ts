"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import { pendingInviteFor } from "@/lib/admin/invites";
import { setStudentActive } from "@/lib/admin/students";
import { issueInvite } from "@/lib/auth/invites";
import { emailField, nameField } from "@/lib/auth/schemas";
import { absoluteUrl } from "@/lib/config/base-url";

type InviteData = { url?: string; confirmReplace?: boolean };

export const inviteStudentAction = formAction(
  {
    schema: z.object({ email: emailField, name: nameField, replace: z.enum(["", "yes"]) }),
    access: "admin",
    echo: ["email", "name"],
  },
  async (input, { user, requestId }): Promise<FormState<InviteData>> => {
    // Re-inviting someone whose invite is still open replaces their name and link: ask first.
    const pending = await pendingInviteFor(input.email);
    if (pending && input.replace !== "yes") {
      return {
        status: "error",
        message:
          `${input.email} already has an open invite (as ${pending.name}). Replace it? ` +
          `The earlier link stops working and the name becomes "${input.name}".`,
        data: { confirmReplace: true },
      };
    }
    const invite = await issueInvite({ ...input, role: "student", actorId: user.id, requestId });
    revalidatePath("/admin/students");
    return {
      status: "success",
      message: `Invite created for ${invite.email}. Copy the link and send it to them; it works once and expires ${invite.expiresAt.toUTCString()}.`,
      data: { url: absoluteUrl(invite.path) },
      values: { email: "", name: "" },
    };
  },
);

const studentId = z.object({
  studentId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+$/i, "Unknown student."),
});

export const deactivateStudentAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    await setStudentActive(user, input.studentId, false, requestId);
    revalidatePath("/admin/students");
    return { status: "success", message: "Student deactivated; their sessions have ended." };
  },
);

export const reactivateStudentAction = formAction(
  { schema: studentId, access: "admin" },
  async (input, { user, requestId }) => {
    await setStudentActive(user, input.studentId, true, requestId);
    revalidatePath("/admin/students");
    return { status: "success", message: "Student reactivated." };
  },
);
