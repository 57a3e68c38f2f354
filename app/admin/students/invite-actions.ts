"use server";
// Managing open invites: a fresh link (the old one withdrawn), revoking, and
// inviting many people at once. The single-invite form lives in actions.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import {
  BULK_MAX_LINES,
  type BulkResult,
  bulkInvite,
  freshInviteLink,
  parseBulkInvites,
  revokeInvite,
} from "@/lib/admin/invites";
import { absoluteUrl } from "@/lib/config/base-url";

const userId = z.object({
  userId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, "Unknown invite."),
});

export const freshInviteLinkAction = formAction(
  { schema: userId, access: "admin" },
  async (input, { user, requestId }) => {
    const invite = await freshInviteLink(user, input.userId, requestId);
    revalidatePath("/admin/students");
    return {
      status: "success",
      message: `New link for ${invite.email}; the earlier one no longer works.`,
      data: { url: absoluteUrl(invite.path), expiresAt: invite.expiresAt },
    };
  },
);

export const revokeInviteAction = formAction(
  { schema: userId, access: "admin" },
  async (input, { user, requestId }) => {
    await revokeInvite(user, input.userId, requestId);
    revalidatePath("/admin/students");
    return { status: "success", message: "Invite withdrawn; its link no longer works." };
  },
);

const MAX_CSV_BYTES = 256 * 1024;
const bulkSchema = z.object({
  lines: z.string().max(MAX_CSV_BYTES, "That list is too long; split it into smaller ones."),
  csv: z
    .instanceof(File)
    .refine((f) => f.size <= MAX_CSV_BYTES, "That file is too large; split it into smaller ones.")
    .optional(),
  replace: z.enum(["", "on"]),
});

export const bulkInviteAction = formAction(
  {
    schema: bulkSchema,
    access: "admin",
    echo: ["lines"],
    // Pasted lines, or the text of an uploaded CSV file when one was chosen.
    read: (formData: FormData) => {
      const file = formData.get("csv");
      const pasted = formData.get("lines");
      return {
        lines: typeof pasted === "string" ? pasted : "",
        csv: file instanceof File && file.size > 0 ? file : undefined,
        replace: formData.get("replace") === "on" ? "on" : "",
      };
    },
  },
  async (input, { user, requestId }) => {
    const lines = parseBulkInvites(input.csv ? await input.csv.text() : input.lines);
    if (!lines.length)
      return {
        status: "error",
        message: "Paste at least one line: email, name.",
        fieldErrors: { lines: "Paste at least one line: email, name." },
      };
    if (lines.length > BULK_MAX_LINES)
      return {
        status: "error",
        message: `Invite at most ${BULK_MAX_LINES} people at once.`,
        fieldErrors: { lines: `At most ${BULK_MAX_LINES} lines.` },
      };
    const results: BulkResult[] = await bulkInvite(
      user,
      lines,
      { replacePending: input.replace === "on", absoluteUrl },
      requestId,
    );
    revalidatePath("/admin/students");
    const invited = results.filter((r) => r.outcome === "invited" || r.outcome === "replaced").length;
    return {
      status: "success",
      message: `${invited} of ${results.length} lines invited. Each result is listed below.`,
      data: { results },
    };
  },
);
