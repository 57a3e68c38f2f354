"use client";
// Changes to existing factors: remove one, make new recovery codes (both with the
// password), and an admin's reset of another account.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { RecoveryCodes } from "./recovery-codes";

export function RemoveFactorForm({ action, factorId, name }: { action: FormAction; factorId: string; name: string }) {
  const t = useTranslations("auth.twoFactor.manage");
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="mt-2 space-y-2" noValidate aria-label={t("removeLabel", { name })}>
      <input type="hidden" name="factorId" value={factorId} />
      <Field
        name="password"
        id={`remove-password-${factorId}`}
        type="password"
        autoComplete="current-password"
        label={t("password")}
        hint={t("removeHint")}
        error={state.fieldErrors?.password}
      />
      <FormStatus state={state} />
      <SubmitButton variant="danger">{t("remove")}</SubmitButton>
    </form>
  );
}

export function RegenerateCodesForm({ action }: { action: FormAction<{ recoveryCodes?: string[] | null }> }) {
  const t = useTranslations("auth.twoFactor.manage");
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <Field
        name="password"
        id="regenerate-password"
        type="password"
        autoComplete="current-password"
        label={t("password")}
        hint={t("regenerateHint")}
        error={state.fieldErrors?.password}
      />
      <FormStatus state={state} />
      <RecoveryCodes codes={state.data?.recoveryCodes} />
      <SubmitButton variant="secondary">{t("regenerate")}</SubmitButton>
    </form>
  );
}

export function ResetOtherForm({ action }: { action: FormAction }) {
  const t = useTranslations("auth.twoFactor.manage");
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <Field
        name="email"
        id="reset-email"
        type="email"
        label={t("resetEmail")}
        hint={t("resetHint")}
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <FormStatus state={state} />
      <SubmitButton variant="danger">{t("resetSubmit")}</SubmitButton>
    </form>
  );
}
