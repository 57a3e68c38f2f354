"use server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { applyUnsubscribe } from "@/lib/mail/preferences";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { beginInvite, inviteSucceeded } from "@/lib/security/throttles";

const schema = z.object({ token: z.string().max(200) });

// No sign-in: the signed token is the authority (the reader may be on a phone that
// never signed in). Tokens in links are guessed like invite links, so they share the
// invite budget per address: every attempt pays first, a valid token gives it back.
export const unsubscribeAction = formAction({ schema, access: "anonymous" }, async ({ token }, { requestId }) => {
  const [t, locale, ip] = await Promise.all([getTranslations("account"), getLocale(), requestClientIp()]);
  const gate = await beginInvite(ip);
  if (!gate.ok) return { status: "error", message: await rateLimitedMessage(gate, "/unsubscribe/[token]", locale) };
  const result = await applyUnsubscribe(token, requestId);
  if (!result) return { status: "error", message: t("unsubscribe.invalidTitle") };
  await inviteSucceeded(ip);
  return { status: "success", message: t("unsubscribe.done", { scope: result.scope, email: result.maskedEmail }) };
});
