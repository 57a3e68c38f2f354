"use server";
// The header's language switcher, on every page, for everyone: a signed-in
// account keeps the choice; this browser keeps it in a cookie either way.
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { LOCALES } from "@/lib/i18n/locales";
import { chooseLocale } from "@/lib/i18n/preference";

export const switchLocaleAction = formAction(
  { schema: z.object({ locale: z.enum(LOCALES) }), access: "anonymous" },
  async ({ locale }, { user }) => {
    await chooseLocale(user, locale);
    return { status: "success" };
  },
);
