// An account's own factors: enrol (authenticator or passkey), list, remove, and
// replace the recovery codes. Enrolment counts as a check of the new factor;
// removing one or replacing the codes needs the password and a recent check,
// and ends every other session.
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import "server-only";
import { recordEvent } from "../../audit/events";
import { db, type Tx } from "../../db/client";
import { DomainError } from "../../errors";
import { SPAN } from "../../observability/span-names";
import { withSpan } from "../../observability/tracing";
import { beginPasswordCheck, passwordCheckSucceeded } from "../../security/throttles";
import { verifyPassword } from "../password-hash";
import type { SessionUser } from "../session-user";
import { registrationOptions, verifyRegistration, type PasskeyProblem } from "./passkeys";
import { factorRequired } from "./policy";
import { qrMatrix, type QrMatrix } from "./qr";
import { remainingRecoveryCodes, replaceRecoveryCodes } from "./recovery-codes";
import { confirmedFactorCount, markSessionVerified } from "./session-factor";
import { assertRecentFactor } from "./step-up";
import { checkTotp, createPendingTotp } from "./totp";

export type FactorSummary = {
  id: string;
  kind: "totp" | "passkey";
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  backedUp: boolean | null;
};

export async function listFactors(account: SessionUser) {
  const rows = await db().secondFactor.findMany({
    where: { userId: account.id, confirmedAt: { not: null } },
    orderBy: { createdAt: "asc" },
  });
  const factors: FactorSummary[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind === "passkey" ? "passkey" : "totp",
    name: r.name,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    backedUp: r.backedUp,
  }));
  return {
    factors,
    recoveryCodesLeft: await remainingRecoveryCodes(account.id),
    required: factorRequired(account.role),
  };
}

/** A new authenticator awaiting its first code: the key to type and the QR code to scan. */
export async function startTotpEnrolment(
  account: SessionUser,
  name: string,
): Promise<{ factorId: string; secret: string; qr: QrMatrix }> {
  // An account that has a factor adds another only after a recent check: a stolen session cannot plant its own.
  await assertRecentFactor(account);
  const pending = await createPendingTotp(account.id, account.email, name);
  return { factorId: pending.factorId, secret: pending.secret, qr: qrMatrix(pending.uri) };
}

/** Shared by both kinds: audited, the session counts as checked, the first factor brings recovery codes. */
async function factorAdded(
  tx: Tx,
  account: SessionUser,
  factor: { id: string; kind: string },
  requestId: string | null,
  now: Date,
): Promise<string[] | null> {
  await markSessionVerified(tx, account.sessionId, "enrolment", now);
  await recordEvent(tx, {
    actorId: account.id,
    action: "second_factor.added",
    targetType: "second_factor",
    targetId: factor.id,
    requestId,
    detail: { factor: factor.kind },
  });
  const unused = await tx.recoveryCode.count({ where: { userId: account.id, usedAt: null } });
  return unused === 0 ? replaceRecoveryCodes(tx, account.id) : null;
}

export async function confirmTotpEnrolment(
  account: SessionUser,
  input: { factorId: string; code: string },
  requestId: string | null,
  now = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false; reason: "wrong_code" | "replayed_code" }> {
  const factor = await db().secondFactor.findFirst({
    where: { id: input.factorId, userId: account.id, kind: "totp", confirmedAt: null },
  });
  if (!factor) throw new DomainError("not_found", "factorEnrolmentExpired");
  const result = await checkTotp(db(), factor, input.code, now);
  if (!result.ok) return result;
  const recoveryCodes = await db().$transaction(async (tx) => {
    await tx.secondFactor.update({ where: { id: factor.id }, data: { confirmedAt: now } });
    return factorAdded(tx, account, factor, requestId, now);
  });
  return { ok: true, recoveryCodes };
}

export async function passkeyOptions(account: SessionUser) {
  await assertRecentFactor(account);
  return registrationOptions(account);
}

export async function addPasskey(
  account: SessionUser,
  input: { name: string; response: RegistrationResponseJSON },
  requestId: string | null,
  now = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] | null } | { ok: false; reason: PasskeyProblem }> {
  const verified = await verifyRegistration(account.id, input.response, now);
  if (!verified.ok) return verified;
  const recoveryCodes = await db().$transaction(async (tx) => {
    const factor = await tx.secondFactor.create({
      data: {
        userId: account.id,
        kind: "passkey",
        name: input.name,
        credentialId: verified.credentialId,
        publicKey: verified.publicKey,
        counter: BigInt(verified.counter),
        transports: verified.transports,
        deviceType: verified.deviceType,
        backedUp: verified.backedUp,
        confirmedAt: now,
      },
    });
    return factorAdded(tx, account, factor, requestId, now);
  });
  return { ok: true, recoveryCodes };
}

/** The password again, before a change to the factors themselves. */
async function checkPassword(account: SessionUser, password: string): Promise<void> {
  const row = await db().user.findUnique({ where: { id: account.id } });
  const gate = await beginPasswordCheck(account.id);
  if (!gate.ok) throw new DomainError("rate_limited", "factorPasswordLimited", "password");
  const stored = row?.passwordHash;
  const valid = stored ? await withSpan(SPAN.argon2Verify, {}, () => verifyPassword(stored, password)) : false;
  if (!valid) throw new DomainError("forbidden", "factorWrongPassword", "password");
  await passwordCheckSucceeded(account.id);
}

async function endOtherSessions(tx: Tx, account: SessionUser, now: Date): Promise<void> {
  await tx.authSession.updateMany({
    where: { userId: account.id, revokedAt: null, id: { not: account.sessionId } },
    data: { revokedAt: now },
  });
}

export async function removeFactor(
  account: SessionUser,
  input: { factorId: string; password: string },
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  await assertRecentFactor(account, now);
  const factor = await db().secondFactor.findFirst({ where: { id: input.factorId, userId: account.id } });
  if (!factor) throw new DomainError("not_found", "factorNotFound");
  const count = await confirmedFactorCount(account.id);
  if (factorRequired(account.role) && count <= 1) throw new DomainError("conflict", "factorLastRequired");
  await checkPassword(account, input.password);
  await db().$transaction(async (tx) => {
    await tx.secondFactor.delete({ where: { id: factor.id } });
    // The last factor gone: the recovery codes that stood in for it go too.
    if (count <= 1) await tx.recoveryCode.deleteMany({ where: { userId: account.id } });
    await endOtherSessions(tx, account, now);
    await recordEvent(tx, {
      actorId: account.id,
      action: "second_factor.removed",
      targetType: "second_factor",
      targetId: factor.id,
      requestId,
      detail: { factor: factor.kind },
    });
  });
}

export async function regenerateRecoveryCodes(
  account: SessionUser,
  input: { password: string },
  requestId: string | null,
  now = new Date(),
): Promise<string[]> {
  await assertRecentFactor(account, now);
  if ((await confirmedFactorCount(account.id)) === 0) throw new DomainError("conflict", "factorNoneYet");
  await checkPassword(account, input.password);
  return db().$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, account.id);
    await endOtherSessions(tx, account, now);
    await recordEvent(tx, {
      actorId: account.id,
      action: "second_factor.recovery_regenerated",
      targetType: "user",
      targetId: account.id,
      requestId,
    });
    return codes;
  });
}

/** Which kinds of factor the account has (the second step offers only those). */
export async function factorKinds(account: SessionUser): Promise<{ passkey: boolean; totp: boolean }> {
  const rows = await db().secondFactor.findMany({
    where: { userId: account.id, confirmedAt: { not: null } },
    select: { kind: true },
  });
  return { passkey: rows.some((r) => r.kind === "passkey"), totp: rows.some((r) => r.kind === "totp") };
}
