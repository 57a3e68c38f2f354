// Passkeys (WebAuthn) with @simplewebauthn/server. The relying party id and the
// expected origin come from MINIPORTAL_BASE_URL, never from a request's Host.
// Counters and backup flags are stored; a counter that goes backwards (a cloned
// authenticator) is refused.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import "server-only";
import { db } from "../../db/client";
import { env } from "../../env";
import {
  clientDataOf,
  spendChallenge,
  type ChallengeProblem,
  type ChallengePurpose,
  storeChallenge,
} from "./challenges";

export type PasskeyProblem =
  ChallengeProblem | "wrong_origin" | "unknown_passkey" | "counter_went_backwards" | "passkey_refused";

export function relyingParty(): { id: string; origin: string; name: string } {
  const url = new URL(env().baseUrl);
  return { id: url.hostname, origin: url.origin, name: "Miniportal" };
}

function transportsOf(text: string | null): AuthenticatorTransportFuture[] | undefined {
  return text ? (text.split(",") as AuthenticatorTransportFuture[]) : undefined;
}

export async function registrationOptions(user: {
  id: string;
  email: string;
  name: string;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db().secondFactor.findMany({
    where: { userId: user.id, kind: "passkey" },
    select: { credentialId: true, transports: true },
  });
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId!, transports: transportsOf(c.transports) })),
    // Discoverable when the authenticator can: the same passkey then also signs in without a password.
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await storeChallenge(options.challenge, "register", user.id);
  return options;
}

/** Verifies a new passkey's registration; the caller stores it (lib/auth/second-factor/manage.ts). */
export async function verifyRegistration(
  userId: string,
  response: RegistrationResponseJSON,
  now = new Date(),
): Promise<
  | {
      ok: true;
      credentialId: string;
      publicKey: Uint8Array<ArrayBuffer>;
      counter: number;
      transports: string | null;
      deviceType: string;
      backedUp: boolean;
    }
  | { ok: false; reason: PasskeyProblem }
> {
  const problem = await checkClientData(response, "register", userId, now);
  if (problem) return { ok: false, reason: problem };
  const rp = relyingParty();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge: clientDataOf(response)!.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!result.verified) return { ok: false, reason: "passkey_refused" };
    const info = result.registrationInfo;
    return {
      ok: true,
      credentialId: info.credential.id,
      publicKey: new Uint8Array(info.credential.publicKey),
      counter: info.credential.counter,
      transports: info.credential.transports?.join(",") ?? null,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    };
  } catch {
    return { ok: false, reason: "passkey_refused" };
  }
}

/** userId null: passwordless (any discoverable passkey of this portal may answer). */
export async function authenticationOptions(userId: string | null): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const allowed = userId
    ? await db().secondFactor.findMany({
        where: { userId, kind: "passkey" },
        select: { credentialId: true, transports: true },
      })
    : [];
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: allowed.map((c) => ({ id: c.credentialId!, transports: transportsOf(c.transports) })),
    // Without a password the passkey must be the whole proof: the authenticator checks its owner.
    userVerification: userId ? "preferred" : "required",
  });
  await storeChallenge(options.challenge, userId ? "authenticate" : "passwordless", userId);
  return options;
}

async function checkClientData(
  response: { response?: { clientDataJSON?: unknown } },
  purpose: ChallengePurpose,
  userId: string | null,
  now: Date,
): Promise<PasskeyProblem | null> {
  const client = clientDataOf(response);
  if (!client) return "passkey_refused";
  // Checked before the challenge is spent: another site's assertion must not use up ours.
  if (client.origin !== relyingParty().origin) return "wrong_origin";
  return spendChallenge(client.challenge, purpose, userId, now);
}

/**
 * Verifies an assertion. userId: the account of the second step (its passkeys
 * only), or null for passwordless sign-in. Updates the counter on success.
 */
export async function verifyAssertion(
  response: AuthenticationResponseJSON,
  userId: string | null,
  now = new Date(),
): Promise<
  | { ok: true; factorId: string; userId: string }
  | { ok: false; reason: PasskeyProblem; factorId?: string; userId?: string }
> {
  const problem = await checkClientData(response, userId ? "authenticate" : "passwordless", userId, now);
  if (problem) return { ok: false, reason: problem };
  const factor = await db().secondFactor.findUnique({ where: { credentialId: String(response.id) } });
  if (!factor || factor.kind !== "passkey" || (userId && factor.userId !== userId)) {
    return { ok: false, reason: "unknown_passkey", userId: userId ?? undefined };
  }
  const rp = relyingParty();
  const stored = Number(factor.counter ?? 0);
  const known = { factorId: factor.id, userId: factor.userId };
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: clientDataOf(response)!.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: factor.credentialId!,
        publicKey: new Uint8Array(factor.publicKey!),
        counter: stored,
        transports: transportsOf(factor.transports),
      },
      requireUserVerification: userId === null,
    });
    if (!result.verified) return { ok: false, reason: "passkey_refused", ...known };
    const info = result.authenticationInfo;
    await db().secondFactor.update({
      where: { id: factor.id },
      data: {
        counter: BigInt(info.newCounter),
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        lastUsedAt: now,
      },
    });
    return { ok: true, ...known };
  } catch (error) {
    const backwards = error instanceof Error && /counter value/i.test(error.message);
    return { ok: false, reason: backwards ? "counter_went_backwards" : "passkey_refused", ...known };
  }
}
