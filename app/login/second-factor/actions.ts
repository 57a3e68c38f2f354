"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { problemMessage } from "@/lib/auth/second-factor/problems";
import type { FormState } from "@/lib/actions/form-state";
import { getSessionAccount } from "@/lib/auth/current-user";
import { deviceTokenOf } from "@/lib/auth/device-cookie";
import { authenticationOptions } from "@/lib/auth/second-factor/passkeys";
import { assertionSchema, codeSchema, recoverySchema } from "@/lib/auth/second-factor/schemas";
import { type FactorProof, proveSecondFactor } from "@/lib/auth/second-factor/second-step";
import { homeFor, type SessionUser } from "@/lib/auth/session-user";
import { trustDevice } from "@/lib/auth/start-session";
import { rateLimitedMessage, requestClientIp } from "@/lib/security/request-guards";

const ROUTE = "/login/second-factor";

/** The account of this session, signed in or waiting for its second step; anyone else signs in first. */
async function stepAccount(): Promise<SessionUser> {
  const account = await getSessionAccount();
  if (!account || account.secondFactor?.state === "enrol") redirect("/login");
  return account;
}

type StepData = { continueTo?: string };

async function prove(proof: FactorProof, next: string, requestId: string | null): Promise<FormState<StepData>> {
  const account = await stepAccount();
  const purpose = account.secondFactor?.state === "pending" ? "sign_in" : "step_up";
  const deviceToken = deviceTokenOf(await cookies());
  const outcome = await proveSecondFactor(account, proof, {
    ip: await requestClientIp(),
    deviceToken,
    requestId,
    purpose,
  });
  if ("limited" in outcome) return { status: "error", message: await rateLimitedMessage(outcome.limited, ROUTE) };
  const t = await getTranslations("auth.twoFactor");
  if (!outcome.ok) return { status: "error", message: await problemMessage(outcome.reason) };
  if (purpose === "sign_in") await trustDevice(account.email);
  const continueTo = next || homeFor(account);
  // A recovery code tells how many remain before moving on; everything else goes straight on.
  if (outcome.method === "recovery") {
    return {
      status: "success",
      message: t("recoveryUsed", { count: outcome.remainingCodes ?? 0 }),
      data: { continueTo },
    };
  }
  redirect(continueTo);
}

export const codeAction = formAction({ schema: codeSchema, access: "anonymous" }, async (input, { requestId }) =>
  prove({ kind: "totp", code: input.code }, input.next, requestId),
);

export const recoveryAction = formAction(
  { schema: recoverySchema, access: "anonymous" },
  async (input, { requestId }) => prove({ kind: "recovery", code: input.recovery }, input.next, requestId),
);

export const passkeyAction = formAction(
  { schema: assertionSchema, access: "anonymous", invalidMessage: "auth.twoFactor.problems.passkey_refused" },
  async (input, { requestId }) => prove({ kind: "passkey", response: input.response }, input.next, requestId),
);

/** The challenge for this account's passkeys (single use, five minutes). */
export const passkeyOptionsAction = formAction({ schema: z.object({}), access: "anonymous" }, async () => {
  const account = await stepAccount();
  return { status: "success" as const, data: { options: await authenticationOptions(account.id) } };
});
