"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { forgetRequestUser } from "@/lib/auth/current-user";
import { formAction } from "@/lib/actions/form-action";
import { type MailPreferences, mailPreferencesSchema, updateMailPreferences } from "@/lib/mail/preferences";

const FIELDS = ["announcements", "reminders", "timeZone"] as const;

export const mailPreferencesAction = formAction(
  {
    schema: mailPreferencesSchema,
    access: "user",
    echo: FIELDS,
    // A field the form does not show (an admin's form has only the zone) stays as it
    // is: absent, not "" (which would fail as a kind, and mean "cohort default" as a zone).
    read: (formData) =>
      Object.fromEntries(
        FIELDS.flatMap((name) => {
          const value = formData.get(name);
          return typeof value === "string" ? [[name, value]] : [];
        }),
      ),
  },
  async (input, { user, requestId }) => {
    const saved: MailPreferences = await updateMailPreferences(user, input, requestId);
    // The zone is part of the session user: the page re-rendered after this action shows the new one.
    forgetRequestUser();
    revalidatePath("/account");
    const t = await getTranslations("account");
    return { status: "success", message: t("mail.saved"), data: saved };
  },
);
