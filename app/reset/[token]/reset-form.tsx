"use client";
import { useActionState } from "react";
import { resetPasswordAction } from "./actions";
import { idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function ResetForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(resetPasswordAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <NewPasswordFields state={state} label="New password" repeatLabel="Repeat the new password" />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Setting your password…">Set my new password</SubmitButton>
    </form>
  );
}
