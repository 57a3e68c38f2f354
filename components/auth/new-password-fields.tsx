"use client";
// The "new password + repeat" pair of the invite and change-password forms.
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
  return (
    <>
      <Field
        name="password"
        label={label}
        type="password"
        autoComplete="new-password"
        required
        hint="At least 15 characters. A few unrelated words work well; pasting from a password manager is fine."
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
