"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { announcementIdField, dismissAnnouncement } from "@/lib/mail/announcements";

export const dismissAnnouncementAction = formAction(
  { schema: z.object({ id: announcementIdField }), access: "student" },
  async (input, { user }) => {
    await dismissAnnouncement(user, input.id);
    revalidatePath("/me");
    return { status: "success" };
  },
);
