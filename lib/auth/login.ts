// Password sign-in: one code path for the login form and next-auth's Credentials provider.
import "server-only";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { SPAN } from "../observability/span-names";
import { withSpan } from "../observability/tracing";
import { beginLogin, loginSucceeded, type Gate } from "../security/throttles";
import { trustedDeviceId } from "./device-cookie";
import { checkPassword, dummyPasswordHash, hashPassword, needsRehash } from "./password-hash";
import { normalizeEmail } from "./email";
import { roleOf } from "./session-user";

export type LoginResult =
  { ok: true; userId: string; role: "student" | "admin"; sessionVersion: number } | { ok: false };

export async function authenticate(input: {
  email: string;
  password: string;
  requestId?: string | null;
}): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const user = await db().user.findUnique({ where: { email } });
  const stored = user?.passwordHash ?? (await dummyPasswordHash());
  const check = await withSpan(SPAN.argon2Verify, { "auth.rehash_check": true }, () =>
    checkPassword(stored, input.password),
  );
  const ok = Boolean(user && user.passwordHash && check.valid && user.status === "active");

  metrics().loginAttempts.inc({ ok: String(ok), factor: "password" });
  if (!ok || !user) {
    const reason = !user ? "unknown_account" : user.status !== "active" ? `account_${user.status}` : "bad_password";
    await db().$transaction((tx) =>
      recordEvent(tx, {
        actorId: null,
        action: "login.failed",
        targetType: "user",
        targetId: user?.id ?? null,
        requestId: input.requestId,
        detail: { reason },
      }),
    );
    logger().warn({ event: "login.failed", request_id: input.requestId ?? null, reason });
    return { ok: false };
  }

  // Upgrade the stored hash when the Argon2 parameters have changed or it predates NFC normalisation.
  const rehash = needsRehash(user.passwordHash!) || check.upgrade ? await hashPassword(input.password) : null;
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date(), ...(rehash ? { passwordHash: rehash } : {}) },
    });
    await recordEvent(tx, {
      actorId: user.id,
      action: "login.succeeded",
      targetType: "user",
      targetId: user.id,
      requestId: input.requestId,
      detail: { rehashed: Boolean(rehash) },
    });
  });
  logger().info({ event: "login.succeeded", request_id: input.requestId ?? null, student_id: user.id });
  return {
    ok: true,
    userId: user.id,
    role: roleOf(user.role),
    sessionVersion: user.sessionVersion,
  };
}

export type SignInResult = LoginResult | { ok: false; limited: Extract<Gate, { ok: false }> };

/**
 * The one sign-in path: the rate limits are paid before Argon2 runs (so parallel
 * guesses cannot all be evaluated), and a success gives them back.
 */
export async function signIn(input: {
  email: string;
  password: string;
  ip: string;
  /** The browser's device cookie (lib/auth/device-cookie.ts), if it sent one. */
  deviceToken?: string | null;
  requestId?: string | null;
}): Promise<SignInResult> {
  const deviceId = trustedDeviceId(input.deviceToken, input.email);
  const gate = await beginLogin(input.ip, input.email, deviceId);
  if (!gate.ok) return { ok: false, limited: gate };
  const result = await authenticate(input);
  if (result.ok) await loginSucceeded(input.ip, input.email, deviceId);
  return result;
}
