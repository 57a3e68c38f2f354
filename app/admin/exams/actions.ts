"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { env } from "@/lib/env";
import { resetExamSettings, updateExamSettings } from "@/lib/exams/admin";
import { MAX_ATTEMPTS, MAX_TIME_LIMIT_MINUTES, SHOW_ANSWERS } from "@/lib/exams/settings";
import { WALL_TIME, wallTimeToDate } from "@/lib/time/wall-time";
import { parsePhaseNumber } from "@/lib/content/phase-number";

const phase = z.string().regex(/^\d{1,2}$/, "admin.exams.form.unknownPhase");
// Blank means "none" (unlimited attempts, no time limit, no date).
const optionalInt = (max: number, message: string) =>
  z.union([z.literal(""), z.coerce.number({ message }).int(message).min(1, message).max(max, message)]);
const wall = z.union([z.literal(""), z.string().regex(WALL_TIME, "admin.exams.form.dateFormat")]);

const settingsInput = z.object({
  phase,
  attempts: optionalInt(MAX_ATTEMPTS, "admin.exams.form.attemptsRange"),
  timeLimitMinutes: optionalInt(MAX_TIME_LIMIT_MINUTES, "admin.exams.form.minutesRange"),
  shuffleQuestions: z.string(),
  shuffleChoices: z.string(),
  showAnswers: z.enum(SHOW_ANSWERS, "admin.exams.form.pickShowAnswers"),
  opensAt: wall,
  closesAt: wall,
});

const ECHO = ["attempts", "timeLimitMinutes", "showAnswers", "opensAt", "closesAt"] as const;

export const updateExamSettingsAction = formAction(
  { schema: settingsInput, access: "admin", echo: ECHO },
  async (input, { user, requestId }) => {
    const t = await getTranslations("admin.exams");
    const number = parsePhaseNumber(input.phase);
    const zone = env().MINIPORTAL_TIMEZONE;
    const opensAt = input.opensAt ? wallTimeToDate(input.opensAt, zone) : null;
    const closesAt = input.closesAt ? wallTimeToDate(input.closesAt, zone) : null;
    if (number === null) return { status: "error", message: t("form.unknownPhase") };
    if ((input.opensAt && !opensAt) || (input.closesAt && !closesAt)) {
      const field = input.opensAt && !opensAt ? "opensAt" : "closesAt";
      return { status: "error", message: t("form.noSuchDate"), fieldErrors: { [field]: t("form.noSuchDate") } };
    }
    const { overridden } = await updateExamSettings(
      user,
      number,
      {
        attempts: input.attempts === "" ? null : input.attempts,
        timeLimitMinutes: input.timeLimitMinutes === "" ? null : input.timeLimitMinutes,
        shuffleQuestions: input.shuffleQuestions === "on",
        shuffleChoices: input.shuffleChoices === "on",
        showAnswers: input.showAnswers,
        opensAt,
        closesAt,
      },
      requestId,
    );
    revalidatePath("/admin/exams");
    return { status: "success", message: overridden.length ? t("form.saved") : t("form.savedAsCourse") };
  },
);

export const resetExamSettingsAction = formAction(
  { schema: z.object({ phase }), access: "admin" },
  async (input, { user, requestId }) => {
    const t = await getTranslations("admin.exams");
    const number = parsePhaseNumber(input.phase);
    if (number === null) return { status: "error", message: t("form.unknownPhase") };
    await resetExamSettings(user, number, requestId);
    revalidatePath("/admin/exams");
    return { status: "success", message: t("form.reset") };
  },
);
