"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { authenticate } from "@/lib/auth/login";
import { loginSchema } from "@/lib/auth/schemas";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";

export const loginAction = formAction({ schema: loginSchema, access: "anonymous", echo: ["email"] }, async (input, { requestId }) => {
  const result = await authenticate(db(), { ...input, requestId });
  if (!result.ok) return { status: "error", message: "That email and password do not match an active account." };
  const session = await createSession(db(), result.userId);
  await setSessionCookie({ sub: result.userId, sid: session.sid, sv: result.sessionVersion }, session.expiresAt);
  redirect(result.role === "admin" ? "/admin/students" : "/me");
});
