"use server";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { translatorFor } from "@/lib/i18n/translate";
import { INVITE_PROBLEMS, redeemInvite } from "@/lib/auth/invites";
import { describePasswordProblem } from "@/lib/auth/password-policy";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { beginInvite, inviteSucceeded } from "@/lib/security/throttles";

const schema = newPasswordSchema.safeExtend({ token: z.string().max(200) });

export const redeemInviteAction = formAction({ schema, access: "anonymous" }, async (input, { requestId }) => {
  // Every attempt pays before the token is looked up or a password hashed; an
  // attempt with a valid token gives the point back once it is answered, so only
  // bad tokens count against the address and parallel attempts are bounded too.
  const [t, locale, ip] = await Promise.all([getTranslations("auth"), getLocale(), requestClientIp()]);
  const gate = await beginInvite(ip);
  if (!gate.ok) return { status: "error", message: await rateLimitedMessage(gate, "/invite/[token]", locale) };
  const result = await redeemInvite({ token: input.token, password: input.password, requestId });
  if (!result.ok) {
    metrics().inviteRedemptions.inc({ ok: "false" });
    logger().warn({ event: "invite.failed", request_id: requestId, reason: result.kind });
    if (result.kind !== "weak_password")
      return { status: "error", message: translatorFor(locale)(INVITE_PROBLEMS[result.kind]) };
    await inviteSucceeded(ip); // the token was good: a weak password is a typo, not a guess
    return {
      status: "error",
      message: t("password.chooseDifferent"),
      fieldErrors: { password: describePasswordProblem(result.problem, locale) },
    };
  }
  await inviteSucceeded(ip);
  metrics().inviteRedemptions.inc({ ok: "true" });
  logger().info({ event: "invite.redeemed", request_id: requestId, student_id: result.userId });
  await startSession(result);
  redirect(homeFor(result));
});
