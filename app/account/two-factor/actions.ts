"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { problemMessage } from "@/lib/auth/second-factor/problems";
import type { FormState } from "@/lib/actions/form-state";
import { getSessionAccount } from "@/lib/auth/current-user";
import { emailField } from "@/lib/auth/schemas";
import {
  addPasskey,
  confirmTotpEnrolment,
  passkeyOptions,
  regenerateRecoveryCodes,
  removeFactor,
  startTotpEnrolment,
} from "@/lib/auth/second-factor/manage";
import type { QrMatrix } from "@/lib/auth/second-factor/qr";
import { resetSecondFactorsByAdmin } from "@/lib/auth/second-factor/recovery";
import {
  passwordSchema,
  registrationSchema,
  removeSchema,
  totpConfirmSchema,
  totpStartSchema,
} from "@/lib/auth/second-factor/schemas";
import { stepUpNeeded, stepUpPath } from "@/lib/auth/second-factor/step-up";
import type { SessionUser } from "@/lib/auth/session-user";

const PAGE = "/account/two-factor";
export type CodesData = { recoveryCodes?: string[] | null };

/**
 * The account managing its factors: signed in, or an admin who must enrol before
 * anything else (not "signed in" for the rest of the portal, hence not formAction's user).
 */
async function manager(): Promise<SessionUser> {
  const account = await getSessionAccount();
  const state = account?.secondFactor?.state ?? "done";
  if (!account || state === "pending") redirect("/login");
  return account;
}

/** Changes to existing factors ask for a recent check first (lib/ refuses without one too). */
async function recentCheck(account: SessionUser): Promise<void> {
  if (await stepUpNeeded(account)) redirect(stepUpPath(PAGE));
}

export const startTotpAction = formAction(
  { schema: totpStartSchema, access: "anonymous", echo: ["name"] },
  async (input): Promise<FormState<{ factorId: string; secret: string; qr: QrMatrix }>> => {
    const account = await manager();
    await recentCheck(account);
    const started = await startTotpEnrolment(account, input.name);
    return { status: "success", data: started };
  },
);

export const confirmTotpAction = formAction(
  { schema: totpConfirmSchema, access: "anonymous" },
  async (input, { requestId }): Promise<FormState<CodesData>> => {
    const result = await confirmTotpEnrolment(await manager(), input, requestId);
    const t = await getTranslations("auth.twoFactor");
    // No revalidation: the page would re-render without this form, and the codes are shown only here, once.
    if (!result.ok) return { status: "error", message: await problemMessage(result.reason) };
    return { status: "success", message: t("manage.totpAdded"), data: { recoveryCodes: result.recoveryCodes } };
  },
);

export const passkeyRegistrationAction = formAction({ schema: z.object({}), access: "anonymous" }, async () => {
  const account = await manager();
  await recentCheck(account);
  return { status: "success" as const, data: { options: await passkeyOptions(account) } };
});

export const addPasskeyAction = formAction(
  { schema: registrationSchema, access: "anonymous", invalidMessage: "auth.twoFactor.problems.passkey_refused" },
  async (input, { requestId }): Promise<FormState<CodesData>> => {
    const result = await addPasskey(await manager(), input, requestId);
    const t = await getTranslations("auth.twoFactor");
    if (!result.ok) return { status: "error", message: await problemMessage(result.reason) };
    return { status: "success", message: t("manage.passkeyAdded"), data: { recoveryCodes: result.recoveryCodes } };
  },
);

export const removeFactorAction = formAction(
  { schema: removeSchema, access: "user" },
  async (input, { user, requestId }) => {
    await recentCheck(user);
    await removeFactor(user, input, requestId);
    // The page again, without the removed factor (its form, which would show a message, is gone).
    redirect(`${PAGE}?done=removed`);
  },
);

export const regenerateCodesAction = formAction(
  { schema: passwordSchema, access: "user" },
  async (input, { user, requestId }): Promise<FormState<CodesData>> => {
    await recentCheck(user);
    const codes = await regenerateRecoveryCodes(user, input, requestId);
    revalidatePath(PAGE);
    const t = await getTranslations("auth.twoFactor");
    return { status: "success", message: t("manage.regenerated"), data: { recoveryCodes: codes } };
  },
);

export const resetOtherAction = formAction(
  { schema: z.object({ email: emailField }), access: "admin", echo: ["email"] },
  async (input, { user, requestId }) => {
    await recentCheck(user);
    const { factors } = await resetSecondFactorsByAdmin(user, input.email, requestId);
    return {
      status: "success",
      message: (await getTranslations("auth.twoFactor"))("manage.resetDone", { count: factors }),
      values: { email: "" },
    };
  },
);
