"use server";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { translatorFor } from "@/lib/i18n/translate";
import { RESET_PROBLEMS, inspectReset, redeemReset } from "@/lib/auth/password-reset";
import { describePasswordProblem, findPasswordProblem } from "@/lib/auth/password-policy";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
import { logger } from "@/lib/observability/logger";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { accountRecovered, beginInvite, inviteSucceeded } from "@/lib/security/throttles";

const schema = newPasswordSchema.safeExtend({ token: z.string().max(200) });

// Reset links are guessed like invite links, so they share the invite budget per
// address: every attempt pays first, a valid token gives the point back.
export const resetPasswordAction = formAction({ schema, access: "anonymous" }, async (input, { requestId }) => {
  const [t, locale, ip] = await Promise.all([getTranslations("auth"), getLocale(), requestClientIp()]);
  const gate = await beginInvite(ip);
  if (!gate.ok) return { status: "error", message: await rateLimitedMessage(gate, "/reset/[token]", locale) };
  const reset = await inspectReset(input.token);
  const fail = (message: string, reason: string, fieldErrors?: { password: string }) => {
    logger().warn({ event: "password_reset.failed", request_id: requestId, reason });
    return { status: "error" as const, message, fieldErrors };
  };
  if (reset.kind !== "ok") return fail(translatorFor(locale)(RESET_PROBLEMS[reset.kind]), reset.kind);
  const problem = findPasswordProblem(input.password, { email: reset.user.email, name: reset.user.name });
  if (problem) {
    await inviteSucceeded(ip);
    return fail(t("password.chooseDifferent"), "weak_password", {
      password: describePasswordProblem(problem, locale),
    });
  }
  const result = await redeemReset({ token: input.token, password: input.password, requestId });
  if (!result.ok) return fail(translatorFor(locale)(RESET_PROBLEMS[result.kind]), result.kind);
  await Promise.all([inviteSucceeded(ip), accountRecovered(reset.user.email)]);
  logger().info({ event: "password_reset.used", request_id: requestId, student_id: result.userId });
  // Every earlier session ended in redeemReset; this browser starts a fresh one.
  await startSession(result);
  redirect(homeFor(result));
});
