"use server";
import { getSessionAccount } from "@/lib/auth/current-user";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { buttonAction, formAction } from "@/lib/actions/form-action";
import { changePassword, describeChangeProblem } from "@/lib/auth/password-change";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { clearSessionCookie, setSessionCookie } from "@/lib/auth/session-cookie";
import { signOut } from "@/lib/auth/sessions";
import { setNewCardsPerDay } from "@/lib/review/daily-new-cards";
import { NEW_CARDS_PER_DAY_MAX } from "@/lib/review/new-card-limit";
import { rateLimitedMessage } from "@/lib/security/request-guards";

export const changePasswordAction = formAction(
  { schema: changePasswordSchema, access: "user" },
  async (input, { user, requestId }) => {
    const result = await changePassword(user, input, requestId);
    const [t, locale] = await Promise.all([getTranslations("account"), getLocale()]);
    if (!result.ok) {
      if ("limited" in result)
        return { status: "error", message: await rateLimitedMessage(result.limited, "/account", locale) };
      return {
        status: "error",
        message: t("password.notChanged"),
        fieldErrors: { [result.field]: describeChangeProblem(result.problem, locale) },
      };
    }
    // This browser continues on a fresh session; every other one has ended.
    await setSessionCookie({ sub: user.id, sid: result.sid, sv: result.sessionVersion }, result.expiresAt);
    return { status: "success", message: t("password.changed") };
  },
);

// Sign-out (the header's button on every page, and "sign out everywhere" here).
// "anonymous" access: an expired session still gets its cookie cleared and lands
// on /login. A forged cross-site post is refused by buttonAction and does nothing.

/** Ends this browser's session on the server, not just by dropping the cookie. */
export const logoutAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  // A session still at its second step (or enrolment) is not signed in, yet it is ended the same way.
  const account = user ?? (await getSessionAccount());
  if (account) await signOut(account, "this", requestId);
  await clearSessionCookie();
  redirect("/login");
});

export const logoutEverywhereAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  if (user) await signOut(user, "everywhere", requestId);
  await clearSessionCookie();
  redirect("/login");
});

// A blank field is "no number", not 0 (Number("") is 0). Messages are catalogue paths;
// the upper bound is checked in the action, whose message names the maximum.
const newCardsSchema = z.object({
  newCardsPerDay: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ error: "validation.enterNumber" }).int("account.review.wholeNumber").min(0),
  ),
});

export const newCardsPerDayAction = formAction(
  { schema: newCardsSchema, access: "student", echo: ["newCardsPerDay"] },
  async (input, { user }) => {
    const t = await getTranslations("account");
    if (input.newCardsPerDay > NEW_CARDS_PER_DAY_MAX) {
      const message = (await getTranslations("validation"))("correctFields");
      return {
        status: "error",
        message,
        fieldErrors: { newCardsPerDay: t("review.atMost", { max: NEW_CARDS_PER_DAY_MAX }) },
      };
    }
    const limit = await setNewCardsPerDay(user, input.newCardsPerDay);
    return { status: "success", message: t("review.saved", { count: limit }), data: limit };
  },
);
