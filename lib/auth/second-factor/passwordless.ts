// Sign-in with a passkey alone (a discoverable credential with user verification):
// the passkey is both factors, so the session starts verified.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import "server-only";
import { recordEvent } from "../../audit/events";
import { db } from "../../db/client";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { SPAN } from "../../observability/span-names";
import { withSpan } from "../../observability/tracing";
import { beginPasswordless, type Gate } from "../../security/throttles";
import { roleOf, type Role } from "../session-user";
import { verifyAssertion, type PasskeyProblem } from "./passkeys";

export type PasswordlessResult =
  | { ok: true; userId: string; role: Role; sessionVersion: number }
  | { ok: false; reason: PasskeyProblem | "account_inactive" }
  | { ok: false; limited: Extract<Gate, { ok: false }> };

export function signInWithPasskey(
  response: AuthenticationResponseJSON,
  ctx: { ip: string; requestId: string | null },
  now = new Date(),
): Promise<PasswordlessResult> {
  return withSpan(
    SPAN.secondFactor,
    { "auth.factor_kind": "passkey", "auth.step_purpose": "passwordless" },
    async () => {
      const gate = await beginPasswordless(ctx.ip);
      if (!gate.ok) return { ok: false, limited: gate };
      const result = await verifyAssertion(response, null, now);
      const user = result.userId ? await db().user.findUnique({ where: { id: result.userId } }) : null;
      const ok = result.ok && user?.status === "active";
      metrics().loginAttempts.inc({ ok: String(ok), factor: "passkey" });
      if (!ok || !user) {
        const reason = result.ok ? "account_inactive" : result.reason;
        await db().$transaction((tx) =>
          recordEvent(tx, {
            actorId: null,
            action: "second_factor.failed",
            targetType: "user",
            targetId: result.userId ?? null,
            requestId: ctx.requestId,
            detail: { factor: "passkey", reason, purpose: "passwordless" },
          }),
        );
        logger().warn({ event: "second_factor.failed", request_id: ctx.requestId, factor: "passkey", reason });
        return { ok: false, reason };
      }
      await db().$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
        await recordEvent(tx, {
          actorId: user.id,
          action: "login.succeeded",
          targetType: "user",
          targetId: user.id,
          requestId: ctx.requestId,
          detail: { method: "passkey" },
        });
      });
      logger().info({ event: "login.succeeded", request_id: ctx.requestId, student_id: user.id, method: "passkey" });
      return { ok: true, userId: user.id, role: roleOf(user.role), sessionVersion: user.sessionVersion };
    },
  );
}
