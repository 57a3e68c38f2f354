"use client";
// Invite one person. The answer (the link, or the question before replacing an open
// invite) belongs to the invite just made: it goes away as soon as the next one starts
// (typing in the form, pressing Invite), so a link is never copied for the wrong person.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type FormAction, type FormState, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { Button } from "@/components/ui/primitives";
import { type InvitedPerson, InviteLink } from "./invite-link";

type InviteData = { url?: string; person?: InvitedPerson; confirmReplace?: boolean };

/** `idPrefix`, `submitLabel`, `testId`: for a second invite form on the page (the co-teacher's). */
export function InviteForm({
  invite,
  idPrefix = "",
  submitLabel,
  testId = "invite-url",
  labels,
}: {
  invite: FormAction<InviteData>;
  idPrefix?: string;
  submitLabel?: string;
  testId?: string;
  /** Field labels of their own: two forms' "Name" fields would be one name for two fields. */
  labels?: { name: string; email: string };
}) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(invite, idleState);
  const [setAside, setSetAside] = useState<FormState<InviteData> | null>(null);
  const shown = state === setAside ? idleState : state;
  const startNext = () => setSetAside(state);
  // The fields start empty again after a success (keyed on the link), even while it is set aside.
  const url = state.status === "success" ? state.data?.url : undefined;
  const link = shown.status === "success" ? shown.data : undefined;
  const askReplace = shown.status === "error" && shown.data?.confirmReplace;
  return (
    <div className="space-y-4">
      <form
        action={action}
        onSubmit={startNext}
        onChange={startNext}
        className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
        noValidate
      >
        <Field
          name="name"
          id={`${idPrefix}name`}
          label={labels?.name ?? t("inviteForm.name")}
          autoComplete="off"
          required
          defaultValue={state.values?.name}
          error={shown.fieldErrors?.name}
          key={`n${url ?? ""}`}
        />
        <Field
          name="email"
          id={`${idPrefix}email`}
          label={labels?.email ?? t("inviteForm.email")}
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values?.email}
          error={shown.fieldErrors?.email}
          key={`e${url ?? ""}`}
        />
        <div className="sm:pt-6">
          <SubmitButton pendingLabel={t("inviteForm.pending")}>{submitLabel ?? t("inviteForm.submit")}</SubmitButton>
        </div>
        <div className="sm:col-span-3">
          <FormStatus state={shown} />
          {askReplace ? (
            <Button type="submit" name="replace" value="yes" variant="secondary" className="mt-2">
              {t("inviteForm.replace")}
            </Button>
          ) : null}
        </div>
      </form>
      {link?.url && link.person ? (
        <InviteLink key={link.url} url={link.url} person={link.person} testId={testId} />
      ) : null}
    </div>
  );
}
