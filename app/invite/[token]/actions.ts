"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { INVITE_PROBLEMS, inspectInvite, redeemInvite } from "@/lib/auth/invites";
import { passwordProblem } from "@/lib/auth/password-policy";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { setSessionCookie } from "@/lib/auth/session-cookie";
import { createSession } from "@/lib/auth/sessions";
import { logger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";
import { inviteGate, noteInviteFailure } from "@/lib/security/throttles";

const schema = newPasswordSchema.safeExtend({ token: z.string().max(200) });

export const redeemInviteAction = formAction({ schema, access: "anonymous" }, async (input, { requestId }) => {
  // Bad tokens count against the address (proxy.ts answers 429 once it is over).
  const ip = await requestClientIp();
  const gate = await inviteGate(ip);
  if (!gate.ok) return { status: "error", message: await rateLimitedMessage(gate, "/invite/[token]") };
  const invite = await inspectInvite(input.token);
  const fail = (message: string, reason: string, fieldErrors?: { password: string }) => {
    metrics().inviteRedemptions.inc({ ok: "false" });
    logger().warn({ event: "invite.failed", request_id: requestId, reason });
    return { status: "error" as const, message, fieldErrors };
  };
  if (invite.kind !== "ok") {
    await noteInviteFailure(ip);
    return fail(INVITE_PROBLEMS[invite.kind], invite.kind);
  }
  const problem = passwordProblem(input.password, { email: invite.user.email, name: invite.user.name });
  if (problem) return fail("Please choose a different password.", "weak_password", { password: problem });

  const result = await redeemInvite({ token: input.token, password: input.password, requestId });
  if (!result.ok) {
    await noteInviteFailure(ip);
    return fail(INVITE_PROBLEMS[result.kind], result.kind);
  }
  metrics().inviteRedemptions.inc({ ok: "true" });
  logger().info({ event: "invite.redeemed", request_id: requestId, student_id: result.userId });
  const session = await createSession(result.userId);
  await setSessionCookie({ sub: result.userId, sid: session.sid, sv: result.sessionVersion }, session.expiresAt);
  redirect(result.role === "admin" ? "/admin/students" : "/me");
});
