"use client";
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

export function RedeemForm({ token, email, redeem }: { token: string; email: string; redeem: FormAction }) {
  const [state, action] = useActionState(redeem, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <NewPasswordFields state={state} label="Choose a password" repeatLabel="Repeat the password" />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Setting up your account…">Create my account</SubmitButton>
    </form>
  );
}
