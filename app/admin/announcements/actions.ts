"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { FormState } from "@/lib/actions/form-state";
import {
  announcementIdField,
  announcementSchema,
  publishAnnouncement,
  withdrawAnnouncement,
} from "@/lib/mail/announcements";
import { mailEnabled } from "@/lib/mail/outbox";

export const publishAnnouncementAction = formAction(
  { schema: announcementSchema, access: "admin", echo: ["title", "body"] },
  async (input, { user, requestId }): Promise<FormState<{ id: string; emailed: number }>> => {
    const published = await publishAnnouncement(user, input, requestId);
    revalidatePath("/admin/announcements");
    const t = await getTranslations("admin");
    return {
      status: "success",
      message: mailEnabled()
        ? t("announcements.actions.publishedEmailed", { count: published.emailed })
        : t("announcements.actions.publishedDashboardOnly"),
      data: published,
      values: { title: "", body: "" },
    };
  },
);

export const withdrawAnnouncementAction = formAction(
  { schema: z.object({ id: announcementIdField }), access: "admin" },
  async (input, { user, requestId }) => {
    await withdrawAnnouncement(user, input.id, requestId);
    revalidatePath("/admin/announcements");
    const t = await getTranslations("admin");
    return { status: "success", message: t("announcements.actions.withdrawn") };
  },
);
