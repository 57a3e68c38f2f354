"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { authenticate } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { loginGate, noteLoginFailure, noteLoginSuccess } from "@/lib/security/throttles";

export const loginAction = formAction({ schema: loginSchema, access: "anonymous", echo: ["email"] }, async (input, { requestId }) => {
  // proxy.ts answers 429 first; checking here too covers a body it could not read.
  const ip = await requestClientIp();
  const gate = await loginGate(ip, input.email);
  if (!gate.ok) return { status: "error", message: await rateLimitedMessage(gate, "/login") };
  const result = await authenticate({ ...input, requestId });
  if (!result.ok) {
    await noteLoginFailure(ip, input.email);
    return { status: "error", message: "That email and password do not match an active account." };
  }
  await noteLoginSuccess(input.email);
  const session = await createSession(result.userId);
  await setSessionCookie({ sub: result.userId, sid: session.sid, sv: result.sessionVersion }, session.expiresAt);
  redirect(result.role === "admin" ? "/admin/students" : "/me");
});
