"use client";
// Enrolment: an authenticator app (QR code or key, confirmed by one code) and passkeys.
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition } from "react";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { Button } from "@/components/ui/primitives";
import { type FormAction, type FormState, idleState } from "@/lib/actions/form-state";
import type { QrMatrix } from "@/lib/auth/second-factor/qr";
import { QrCode } from "./qr-code";
import { ContinueAfterEnrolment, RecoveryCodes } from "./recovery-codes";

type CodesData = { recoveryCodes?: string[] | null };
type Started = { factorId: string; secret: string; qr: QrMatrix };

export function TotpEnrolForm({
  start,
  confirm,
  continueTo,
}: {
  start: FormAction<Started>;
  confirm: FormAction<CodesData>;
  continueTo: string;
}) {
  const t = useTranslations("auth.twoFactor.manage");
  const [started, startAction] = useActionState(start, idleState);
  const [confirmed, confirmAction] = useActionState(confirm, idleState);
  if (confirmed.status === "success") {
    return (
      <div className="space-y-3">
        <FormStatus state={confirmed} />
        <RecoveryCodes codes={confirmed.data?.recoveryCodes} />
        <ContinueAfterEnrolment href={continueTo} />
      </div>
    );
  }
  if (started.status === "success" && started.data) {
    const { factorId, secret, qr } = started.data;
    return (
      <form action={confirmAction} className="space-y-3" noValidate>
        <p className="text-sm">{t("scan")}</p>
        <QrCode qr={qr} label={t("qrLabel")} />
        <p className="text-sm">
          {t("manualKey")}:{" "}
          <code className="break-all font-mono" data-testid="totp-secret">
            {secret}
          </code>
        </p>
        <input type="hidden" name="factorId" value={factorId} />
        <Field
          name="code"
          id="totp-confirm-code"
          label={t("confirmCode")}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
        />
        <FormStatus state={confirmed} />
        <SubmitButton>{t("confirmTotp")}</SubmitButton>
      </form>
    );
  }
  return (
    <form action={startAction} className="space-y-3" noValidate>
      <Field
        name="name"
        id="totp-name"
        label={t("totpName")}
        defaultValue={started.values?.name ?? t("kindTotp")}
        error={started.fieldErrors?.name}
        required
      />
      <FormStatus state={started} />
      <SubmitButton variant="secondary">{t("startTotp")}</SubmitButton>
    </form>
  );
}

type OptionsAction = FormAction<{ options: PublicKeyCredentialCreationOptionsJSON }>;

export function AddPasskeyForm({
  options,
  add,
  continueTo,
}: {
  options: OptionsAction;
  add: FormAction<CodesData>;
  continueTo: string;
}) {
  const t = useTranslations("auth.twoFactor");
  const [name, setName] = useState("");
  const [state, setState] = useState<FormState<CodesData>>(idleState);
  const [pending, run] = useTransition();
  const register = () =>
    run(async () => {
      if (!browserSupportsWebAuthn()) return setState({ status: "error", message: t("passkeyUnsupported") });
      const begun = await options(idleState, new FormData());
      if (!begun.data) return setState({ status: "error", message: begun.message ?? t("problems.passkey_refused") });
      let answer: unknown;
      try {
        answer = await startRegistration({ optionsJSON: begun.data.options });
      } catch {
        return setState({ status: "error", message: t("passkeyCancelled") });
      }
      const form = new FormData();
      form.set("name", name || t("manage.kindPasskey"));
      form.set("response", JSON.stringify(answer));
      setState(await add(idleState, form));
    });
  return (
    <div className="space-y-3">
      <Field
        name="passkeyName"
        label={t("manage.passkeyName")}
        hint={t("manage.passkeyNameHint")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={state.fieldErrors?.name}
      />
      <Button type="button" onClick={register} disabled={pending} aria-disabled={pending}>
        {pending ? t("passkeyPending") : t("manage.addPasskey")}
      </Button>
      <FormStatus state={state} />
      <RecoveryCodes codes={state.data?.recoveryCodes} />
      {state.status === "success" ? <ContinueAfterEnrolment href={continueTo} /> : null}
    </div>
  );
}
