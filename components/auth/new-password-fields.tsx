"use client";
// The "new password + repeat" pair of the invite and change-password forms.
import { useTranslations } from "next-intl";
import type { FormState } from "@/lib/actions/form-state";
import { Field } from "@/components/ui/form";

export function NewPasswordFields({
  state,
  label,
  repeatLabel,
}: {
  state: FormState;
  label: string;
  repeatLabel: string;
}) {
  const t = useTranslations("auth");
  return (
    <>
      <Field
        name="password"
        label={label}
        type="password"
        autoComplete="new-password"
        required
        hint={t("password.hint")}
        error={state.fieldErrors?.password}
      />
      <Field
        name="confirm"
        label={repeatLabel}
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.confirm}
      />
    </>
  );
}
