"use server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { translatorFor } from "@/lib/i18n/translate";
import { LOCALES } from "@/lib/i18n/locales";
import { requestLocale } from "@/lib/i18n/request-locale";
import { chooseLocale } from "@/lib/i18n/preference";

// "browser" stores no preference: the language follows Accept-Language again.
export const languageAction = formAction(
  { schema: z.object({ locale: z.enum([...LOCALES, "browser"]) }), access: "user" },
  async ({ locale }, { user }) => {
    const chosen = locale === "browser" ? null : locale;
    await chooseLocale(user, chosen);
    // Answered in the language just chosen (or the browser's, read again).
    const t = translatorFor(chosen ?? (await requestLocale()));
    return { status: "success", message: t("common.locale.saved") };
  },
);
