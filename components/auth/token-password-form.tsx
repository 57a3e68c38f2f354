"use client";
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { NewPasswordFields } from "@/components/auth/new-password-fields";

type Labels = { password: string; repeat: string; submit: string; pending: string };

/** A one-time link's form (invite redemption, password reset): the token, then a new password. */
export function TokenPasswordForm(props: { token: string; email: string; action: FormAction; labels: Labels }) {
  const [state, action] = useActionState(props.action, idleState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="username" autoComplete="username" value={props.email} readOnly />
      <NewPasswordFields state={state} label={props.labels.password} repeatLabel={props.labels.repeat} />
      <FormStatus state={state} />
      <SubmitButton pendingLabel={props.labels.pending}>{props.labels.submit}</SubmitButton>
    </form>
  );
}
