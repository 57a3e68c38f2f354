"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { authenticate } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
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
  await startSession(result);
  redirect(homeFor(result));
});
