"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { INVITE_PROBLEMS, redeemInvite } from "@/lib/auth/invites";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { homeFor } from "@/lib/auth/session-user";
import { startSession } from "@/lib/auth/start-session";
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
  const result = await redeemInvite({ token: input.token, password: input.password, requestId });
  if (!result.ok) {
    metrics().inviteRedemptions.inc({ ok: "false" });
    logger().warn({ event: "invite.failed", request_id: requestId, reason: result.kind });
    if (result.kind === "weak_password") {
      return { status: "error", message: "Please choose a different password.", fieldErrors: { password: result.problem } };
    }
    await noteInviteFailure(ip); // a weak password is a typo, not a guessed token
    return { status: "error", message: INVITE_PROBLEMS[result.kind] };
  }
  metrics().inviteRedemptions.inc({ ok: "true" });
  logger().info({ event: "invite.redeemed", request_id: requestId, student_id: result.userId });
  await startSession(result);
  redirect(homeFor(result));
});
