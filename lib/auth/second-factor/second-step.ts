// The second step itself: a code, a recovery code or a passkey, checked for a
// session that proved the password (sign-in) or wants to act again (step-up).
// Rate-limited like the password, counted in portal_login_attempts_total{factor},
// traced as auth.second_factor, audited either way. Codes are never logged.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import "server-only";
import { recordEvent } from "../../audit/events";
import { db } from "../../db/client";
import { logger } from "../../observability/logger";
import { metrics } from "../../observability/metrics";
import { SPAN } from "../../observability/span-names";
import { withSpan } from "../../observability/tracing";
import { beginSecondFactor, secondFactorSucceeded, type Gate } from "../../security/throttles";
import { trustedDeviceId } from "../device-cookie";
import type { SessionUser } from "../session-user";
import { verifyAssertion, type PasskeyProblem } from "./passkeys";
import { spendRecoveryCode } from "./recovery-codes";
import { markSessionVerified, type FactorMethod } from "./session-factor";
import { checkTotp } from "./totp";

export type FactorProof =
  | { kind: "totp"; code: string }
  | { kind: "recovery"; code: string }
  | { kind: "passkey"; response: AuthenticationResponseJSON };

export type FactorProblem = PasskeyProblem | "wrong_code" | "replayed_code" | "no_such_factor";

export type FactorOutcome =
  | { ok: true; method: FactorMethod; remainingCodes?: number }
  | { ok: false; reason: FactorProblem }
  | { ok: false; limited: Extract<Gate, { ok: false }> };

export type StepContext = {
  ip: string;
  deviceToken?: string | null;
  requestId: string | null;
  purpose: "sign_in" | "step_up";
};

type Checked = { ok: true; method: FactorMethod; remainingCodes?: number } | { ok: false; reason: FactorProblem };

async function check(account: SessionUser, proof: FactorProof, now: Date): Promise<Checked> {
  if (proof.kind === "passkey") {
    const result = await verifyAssertion(proof.response, account.id, now);
    return result.ok ? { ok: true, method: "passkey" } : { ok: false, reason: result.reason };
  }
  if (proof.kind === "recovery") {
    const spent = await db().$transaction((tx) => spendRecoveryCode(tx, account.id, proof.code, now));
    return spent
      ? { ok: true, method: "recovery", remainingCodes: spent.remaining }
      : { ok: false, reason: "wrong_code" };
  }
  const factors = await db().secondFactor.findMany({
    where: { userId: account.id, kind: "totp", confirmedAt: { not: null } },
  });
  if (factors.length === 0) return { ok: false, reason: "no_such_factor" };
  let reason: FactorProblem = "wrong_code";
  for (const factor of factors) {
    const result = await checkTotp(db(), factor, proof.code, now);
    if (result.ok) return { ok: true, method: "totp" };
    if (result.reason === "replayed_code") reason = "replayed_code";
  }
  return { ok: false, reason };
}

/** Checks the proof for the session of `account`; on success the session is verified as of `now`. */
export function proveSecondFactor(
  account: SessionUser,
  proof: FactorProof,
  ctx: StepContext,
  now = new Date(),
): Promise<FactorOutcome> {
  const attributes = { "auth.factor_kind": proof.kind, "auth.step_purpose": ctx.purpose };
  return withSpan(SPAN.secondFactor, attributes, async () => {
    const deviceId = trustedDeviceId(ctx.deviceToken, account.email);
    const gate = await beginSecondFactor(ctx.ip, account.email, deviceId);
    if (!gate.ok) return { ok: false, limited: gate };
    const result = await check(account, proof, now);
    metrics().loginAttempts.inc({ ok: String(result.ok), factor: proof.kind });
    if (!result.ok) {
      await db().$transaction((tx) =>
        recordEvent(tx, {
          actorId: account.id,
          action: "second_factor.failed",
          targetType: "user",
          targetId: account.id,
          requestId: ctx.requestId,
          detail: { factor: proof.kind, reason: result.reason, purpose: ctx.purpose },
        }),
      );
      logger().warn({
        event: "second_factor.failed",
        request_id: ctx.requestId,
        student_id: account.id,
        factor: proof.kind,
        reason: result.reason,
      });
      return result;
    }
    await secondFactorSucceeded(ctx.ip, account.email, deviceId);
    await db().$transaction(async (tx) => {
      await markSessionVerified(tx, account.sessionId, result.method, now);
      const action =
        result.method === "recovery"
          ? "second_factor.recovery_used"
          : ctx.purpose === "step_up"
            ? "second_factor.step_up"
            : "second_factor.succeeded";
      await recordEvent(tx, {
        actorId: account.id,
        action,
        targetType: "user",
        targetId: account.id,
        requestId: ctx.requestId,
        detail: {
          factor: proof.kind,
          purpose: ctx.purpose,
          ...(result.remainingCodes !== undefined ? { remaining: result.remainingCodes } : {}),
        },
      });
    });
    logger().info({
      event: "second_factor.succeeded",
      request_id: ctx.requestId,
      student_id: account.id,
      factor: proof.kind,
    });
    return result;
  });
}
