"use client";
import { useActionState } from "react";
import { redeemInviteAction } from "@/app/invite/[token]/actions";
import { idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";

export function RedeemForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(redeemInviteAction, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <Field
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 15 characters. A few unrelated words work well; pasting from a password manager is fine."
        error={state.fieldErrors?.password}
      />
      <Field name="confirm" label="Repeat the password" type="password" autoComplete="new-password" required error={state.fieldErrors?.confirm} />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Setting up your account…">Create my account</SubmitButton>
    </form>
  );
}
