"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";

export function LoginForm({ login }: { login: FormAction }) {
  const [state, action] = useActionState(login, idleState);
  const t = useTranslations("auth");
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field
        name="email"
        label={t("login.email")}
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <Field
        name="password"
        label={t("login.password")}
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel={t("login.pending")}>{t("login.submit")}</SubmitButton>
    </form>
  );
}
