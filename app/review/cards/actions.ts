"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { setSuspended } from "@/lib/review/card-browser";

export const suspendAction = formAction(
  {
    schema: z.object({
      cardId: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/, "review.unknownCard"),
      suspend: z.enum(["1", "0"]).transform((v) => v === "1"),
    }),
    access: "student",
  },
  async (input, { user }) => {
    const suspended = await setSuspended(user, input.cardId, input.suspend);
    revalidatePath("/review/cards");
    const t = await getTranslations("review.cards");
    return { status: "success", message: suspended ? t("suspended") : t("unsuspended"), data: suspended };
  },
);
