"use client";
import { useActionState, useEffect, useRef } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function ChangePasswordForm({ email, changePassword }: { email: string; changePassword: FormAction }) {
  const [state, action] = useActionState(changePassword, idleState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        name="current"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.current}
      />
      <NewPasswordFields state={state} label="New password" repeatLabel="Repeat the new password" />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
