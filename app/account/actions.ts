"use server";
import { formAction } from "@/lib/actions/form-action";
import { changePassword, changePasswordSchema } from "@/lib/auth/password-change";
import { setSessionCookie } from "@/lib/auth/session-cookie";

export const changePasswordAction = formAction({ schema: changePasswordSchema, access: "user" }, async (input, { user, requestId }) => {
  const result = await changePassword(user, input, requestId);
  if (!result.ok) {
    return { status: "error", message: "Your password was not changed.", fieldErrors: { [result.field]: result.message } };
  }
  // This browser continues on a fresh session; every other one has ended.
  await setSessionCookie({ sub: user.id, sid: result.sid, sv: result.sessionVersion }, result.expiresAt);
  return { status: "success", message: "Password changed. You were signed out on every other device." };
});
