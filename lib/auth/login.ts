// Password sign-in: one code path for the login form and next-auth's Credentials provider.
import "server-only";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { logger } from "../observability/logger";
import { metrics } from "../observability/metrics";
import { withSpan } from "../observability/tracing";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "./password-hash";

export type LoginResult = { ok: true; userId: string; role: "student" | "admin"; sessionVersion: number } | { ok: false };

export async function authenticate(
  input: { email: string; password: string; requestId?: string | null },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email } });
  const stored = user?.passwordHash ?? (await dummyPasswordHash());
  const valid = await withSpan("auth.argon2_verify", { "auth.rehash_check": true }, () => verifyPassword(stored, input.password));
  const ok = Boolean(user && user.passwordHash && valid && user.status === "active");

  metrics().loginAttempts.inc({ ok: String(ok) });
  if (!ok || !user) {
    const reason = !user ? "unknown_account" : user.status !== "active" ? `account_${user.status}` : "bad_password";
    await db().$transaction((tx) =>
      recordEvent(tx, { actorId: null, action: "login.failed", targetType: "user", targetId: user?.id ?? null, requestId: input.requestId, detail: { reason } }),
    );
    logger().warn({ event: "login.failed", request_id: input.requestId ?? null, reason });
    return { ok: false };
  }

  // Upgrade the stored hash when the Argon2 parameters have changed.
  const rehash = needsRehash(user.passwordHash!) ? await hashPassword(input.password) : null;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date(), ...(rehash ? { passwordHash: rehash } : {}) } });
    await recordEvent(tx, { actorId: user.id, action: "login.succeeded", targetType: "user", targetId: user.id, requestId: input.requestId, detail: { rehashed: Boolean(rehash) } });
  });
  logger().info({ event: "login.succeeded", request_id: input.requestId ?? null, student_id: user.id });
  return { ok: true, userId: user.id, role: user.role === "admin" ? "admin" : "student", sessionVersion: user.sessionVersion };
}
