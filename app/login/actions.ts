"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formAction } from "@/lib/actions/form-action";
import { problemMessage } from "@/lib/auth/second-factor/problems";
import type { FormState } from "@/lib/actions/form-state";
import { deviceTokenOf } from "@/lib/auth/device-cookie";
import { type SignInResult, signIn } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
import { faultOf } from "@/lib/db/availability";
import { markServerFault } from "@/lib/observability/request-context";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { z } from "zod";
import { authenticationOptions } from "@/lib/auth/second-factor/passkeys";
import { signInWithPasskey } from "@/lib/auth/second-factor/passwordless";
import { assertionSchema } from "@/lib/auth/second-factor/schemas";

export const loginAction = formAction(
  { schema: loginSchema, access: "anonymous", echo: ["email"] },
  async (input, { requestId }) => {
    // signIn pays the limits before Argon2 runs; a refusal comes back as this form's message, with
    // the email kept (proxy.ts lets a throttled sign-in form through for that, adding Retry-After).
    const deviceToken = deviceTokenOf(await cookies());
    let result: SignInResult;
    let pending = false;
    try {
      result = await signIn({ ...input, ip: await requestClientIp(), deviceToken, requestId });
      if (result.ok) ({ pending } = await startSession(result));
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
    // An account with a second factor goes to its second step; the pages send an unenrolled admin to enrolment.
    redirect(pending ? "/login/second-factor" : homeFor(result));
  },
);

/** Passwordless sign-in, step 1: a challenge any of this portal's passkeys may answer. */
export const passwordlessOptionsAction = formAction({ schema: z.object({}), access: "anonymous" }, async () => ({
  status: "success" as const,
  data: { options: await authenticationOptions(null) },
}));

/** Step 2: the passkey's answer; a verified passkey is both factors, so the session starts complete. */
export const passwordlessAction = formAction(
  { schema: assertionSchema, access: "anonymous", invalidMessage: "auth.twoFactor.problems.passkey_refused" },
  async (input, { requestId }): Promise<FormState<{ continueTo?: string }>> => {
    const now = new Date();
    const result = await signInWithPasskey(input.response, { ip: await requestClientIp(), requestId }, now);
    if ("limited" in result) return { status: "error", message: await rateLimitedMessage(result.limited, "/login") };
    if (!result.ok) return { status: "error", message: await problemMessage(result.reason) };
    await startSession(result, { verifiedAt: now, method: "passkey" });
    redirect(homeFor(result));
  },
);
