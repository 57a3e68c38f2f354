"use server";
// The review settings on /account (lib/review/review-settings.ts). The workload preview
// is a GET (app/review/workload/route.ts): reads spend no write budget.
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { setDesiredRetention, setReviewsPerDay, setScheduler } from "@/lib/review/review-settings";
import type { Scheduler } from "@/lib/review/rating";

const retention = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().replace(",", ".") : v),
  z.coerce
    .number({ error: "validation.enterNumber" })
    .min(0.7, "errors.retentionRange")
    .max(0.97, "errors.retentionRange"),
);

export const schedulerAction = formAction(
  { schema: z.object({ scheduler: z.enum(["sm2", "fsrs"], "errors.schedulerUnknown") }), access: "student" },
  async (input, { user, requestId }) => {
    const r = await setScheduler(user, input.scheduler, new Date(), requestId);
    const t = await getTranslations("account");
    return {
      status: "success",
      message: r.changed
        ? t("scheduler.switched", {
            scheduler: r.scheduler.toUpperCase().replace("SM2", "SM-2"),
            cards: r.cards,
            spread: r.spread,
          })
        : t("scheduler.unchanged"),
      data: r.scheduler as Scheduler,
    };
  },
);

export const retentionAction = formAction(
  { schema: z.object({ desiredRetention: retention }), access: "student", echo: ["desiredRetention"] },
  async (input, { user }) => {
    const value = await setDesiredRetention(user, input.desiredRetention);
    const t = await getTranslations("account");
    return { status: "success", message: t("retention.saved", { value: Math.round(value * 100) }), data: value };
  },
);

export const reviewsPerDayAction = formAction(
  {
    schema: z.object({
      reviewsPerDay: z.preprocess(
        (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
        z.coerce
          .number({ error: "validation.enterNumber" })
          .int("account.review.wholeNumber")
          .min(0)
          .max(9999, "account.reviewsCap.range"),
      ),
    }),
    access: "student",
    echo: ["reviewsPerDay"],
  },
  async (input, { user }) => {
    const limit = await setReviewsPerDay(user, input.reviewsPerDay);
    const t = await getTranslations("account");
    return { status: "success", message: t("reviewsCap.saved", { count: limit }), data: limit };
  },
);
