"use client";
// The second step's forms: a code from the authenticator app, a recovery code,
// and the passkey button (also used for passwordless sign-in on /login).
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { Button } from "@/components/ui/primitives";
import { type FormAction, type FormState, idleState } from "@/lib/actions/form-state";

type StepData = { continueTo?: string };

function ContinueLink({ state }: { state: FormState<StepData> }) {
  const t = useTranslations("auth.twoFactor.manage");
  if (state.status !== "success" || !state.data?.continueTo) return null;
  return (
    <a href={state.data.continueTo} className="inline-block font-medium text-brand-700 underline dark:text-brand-100">
      {t("continue")}
    </a>
  );
}

export function CodeForm({ action, next }: { action: FormAction<StepData>; next: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const t = useTranslations("auth.twoFactor");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field
        name="code"
        label={t("code")}
        hint={t("codeHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={8}
        required
        aria-invalid={state.status === "error" ? true : undefined}
      />
      <FormStatus state={state} />
      <SubmitButton>{t("submitCode")}</SubmitButton>
    </form>
  );
}

export function RecoveryForm({ action, next }: { action: FormAction<StepData>; next: string }) {
  const [state, formAction] = useActionState(action, idleState);
  const t = useTranslations("auth.twoFactor");
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="next" value={next} />
      <Field name="recovery" label={t("recoveryCode")} hint={t("recoveryHint")} autoComplete="off" required />
      <FormStatus state={state} />
      <ContinueLink state={state} />
      <SubmitButton variant="secondary">{t("submitRecovery")}</SubmitButton>
    </form>
  );
}

type OptionsAction = FormAction<{ options: PublicKeyCredentialRequestOptionsJSON }>;

/** Asks the server for a challenge, lets the browser's passkey answer it, and sends the answer back. */
export function PasskeyButton({
  options,
  verify,
  next,
  label,
}: {
  options: OptionsAction;
  verify: FormAction<StepData>;
  next: string;
  label: string;
}) {
  const t = useTranslations("auth.twoFactor");
  const [state, setState] = useState<FormState<StepData>>(idleState);
  const [pending, start] = useTransition();
  const run = () =>
    start(async () => {
      if (!browserSupportsWebAuthn()) return setState({ status: "error", message: t("passkeyUnsupported") });
      const begun = await options(idleState, new FormData());
      if (!begun.data) return setState({ status: "error", message: begun.message ?? t("problems.passkey_refused") });
      let answer: unknown;
      try {
        answer = await startAuthentication({ optionsJSON: begun.data.options });
      } catch {
        return setState({ status: "error", message: t("passkeyCancelled") });
      }
      const form = new FormData();
      form.set("response", JSON.stringify(answer));
      form.set("next", next);
      setState(await verify(idleState, form));
    });
  return (
    <div className="space-y-2">
      <Button type="button" onClick={run} disabled={pending} aria-disabled={pending}>
        {pending ? t("passkeyPending") : label}
      </Button>
      {/* An alert, inserted when there is something to say: /login keeps its one status region (the password form's). */}
      {state.status === "error" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
