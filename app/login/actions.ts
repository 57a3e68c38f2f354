"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { signIn } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";

export const loginAction = formAction({ schema: loginSchema, access: "anonymous", echo: ["email"] }, async (input, { requestId }) => {
  // proxy.ts answers 429 early when it can; signIn pays the limits itself before Argon2 runs.
  const result = await signIn(db(), { ...input, ip: await requestClientIp(), requestId });
  if (!result.ok) {
    if ("limited" in result) return { status: "error", message: await rateLimitedMessage(result.limited, "/login") };
    return { status: "error", message: "That email and password do not match an active account." };
  }
  const session = await createSession(db(), result.userId);
  await setSessionCookie({ sub: result.userId, sid: session.sid, sv: result.sessionVersion }, session.expiresAt);
  redirect(result.role === "admin" ? "/admin/students" : "/me");
});
