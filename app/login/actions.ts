"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formAction } from "@/lib/actions/form-action";
import { deviceTokenOf } from "@/lib/auth/device-cookie";
import { type SignInResult, signIn } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
import { faultOf } from "@/lib/db/availability";
import { markServerFault } from "@/lib/observability/request-context";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";

export const loginAction = formAction(
  { schema: loginSchema, access: "anonymous", echo: ["email"] },
  async (input, { requestId }) => {
    // signIn pays the limits before Argon2 runs; a refusal comes back as this form's message, with
    // the email kept (proxy.ts lets a throttled sign-in form through for that, adding Retry-After).
    const deviceToken = deviceTokenOf(await cookies());
    let result: SignInResult;
    try {
      result = await signIn({ ...input, ip: await requestClientIp(), deviceToken, requestId });
      if (result.ok) await startSession(result);
    } catch (error) {
      // A database that cannot take the sign-in's writes (read-only, full, stopped): said so, counted as a 5xx.
      const fault = faultOf(error);
      if (!fault) throw error;
      markServerFault();
      return {
        status: "error",
        message: (await getTranslations("auth"))("login.unavailable", { reason: fault.reason }),
      };
    }
    if (!result.ok) {
      if ("limited" in result) return { status: "error", message: await rateLimitedMessage(result.limited, "/login") };
      return { status: "error", message: (await getTranslations("auth"))("login.noMatch") };
    }
    redirect(homeFor(result));
  },
);
