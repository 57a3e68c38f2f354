"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { CopyLink } from "@/components/ui/copy-link";
import { Button } from "@/components/ui/primitives";

export function InviteForm({ invite }: { invite: FormAction<{ url?: string; confirmReplace?: boolean }> }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(invite, idleState);
  const url = state.status === "success" ? state.data?.url : undefined;
  const askReplace = state.status === "error" && state.data?.confirmReplace;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start" noValidate>
        <Field
          name="name"
          label={t("inviteForm.name")}
          autoComplete="off"
          required
          defaultValue={state.values?.name}
          error={state.fieldErrors?.name}
          key={`n${url ?? ""}`}
        />
        <Field
          name="email"
          label={t("inviteForm.email")}
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values?.email}
          error={state.fieldErrors?.email}
          key={`e${url ?? ""}`}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel={t("inviteForm.pending")}>{t("inviteForm.submit")}</SubmitButton>
        </div>
        <div className="sm:col-span-3">
          <FormStatus state={state} />
          {askReplace ? (
            <Button type="submit" name="replace" value="yes" variant="secondary" className="mt-2">
              {t("inviteForm.replace")}
            </Button>
          ) : null}
        </div>
      </form>
      {url ? <CopyLink key={url} url={url} label={t("inviteForm.link")} testId="invite-url" /> : null}
    </div>
  );
}
