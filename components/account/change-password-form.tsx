"use client";
import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function ChangePasswordForm({ email, changePassword }: { email: string; changePassword: FormAction }) {
  const [state, action] = useActionState(changePassword, idleState);
  const form = useRef<HTMLFormElement>(null);
  const t = useTranslations("account");
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        name="current"
        label={t("password.current")}
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.current}
      />
      <NewPasswordFields state={state} label={t("password.new")} repeatLabel={t("password.repeat")} />
      <FormStatus state={state} />
      <SubmitButton pendingLabel={t("password.pending")}>{t("password.submit")}</SubmitButton>
    </form>
  );
}
