"use server";
// Managing open invites: a fresh link (the old one withdrawn), revoking, and
// inviting many people at once. The single-invite form lives in actions.ts.
import { revalidatePath } from "next/cache";
import { getLocale, getTranslations } from "next-intl/server";
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
    .regex(/^[A-Za-z0-9_-]+$/, "admin.actions.unknownInvite"),
});

export const freshInviteLinkAction = formAction(
  { schema: userId, access: "admin" },
  async (input, { user, requestId }) => {
    const invite = await freshInviteLink(user, input.userId, requestId, await getLocale());
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return {
      status: "success",
      message: t(invite.emailed ? "actions.freshLinkEmailed" : "actions.freshLink", { email: invite.email }),
      data: { url: absoluteUrl(invite.path), expiresAt: invite.expiresAt },
    };
  },
);

export const revokeInviteAction = formAction(
  { schema: userId, access: "admin" },
  async (input, { user, requestId }) => {
    await revokeInvite(user, input.userId, requestId);
    revalidatePath("/admin/students");
    const t = await getTranslations("admin");
    return { status: "success", message: t("actions.revoked") };
  },
);

const MAX_CSV_BYTES = 256 * 1024;
const bulkSchema = z.object({
  lines: z.string().max(MAX_CSV_BYTES, "admin.bulk.tooLong"),
  csv: z
    .instanceof(File)
    .refine((f) => f.size <= MAX_CSV_BYTES, "admin.bulk.fileTooLarge")
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
    const [t, locale] = await Promise.all([getTranslations("admin"), getLocale()]);
    const lines = parseBulkInvites(input.csv ? await input.csv.text() : input.lines);
    if (!lines.length)
      return {
        status: "error",
        message: t("bulk.empty"),
        fieldErrors: { lines: t("bulk.empty") },
      };
    if (lines.length > BULK_MAX_LINES)
      return {
        status: "error",
        message: t("bulk.tooMany", { max: BULK_MAX_LINES }),
        fieldErrors: { lines: t("bulk.tooManyLines", { max: BULK_MAX_LINES }) },
      };
    const results: BulkResult[] = await bulkInvite(
      user,
      lines,
      { replacePending: input.replace === "on", absoluteUrl, locale },
      requestId,
    );
    revalidatePath("/admin/students");
    const invited = results.filter((r) => r.outcome === "invited" || r.outcome === "replaced").length;
    const warned = results.filter((r) => r.warning).length;
    const summary = t("bulk.summary", { invited, total: results.length });
    return {
      status: "success",
      message: warned ? `${summary} ${t("bulk.summaryWarnings", { count: warned })}` : summary,
      data: { results },
    };
  },
);
