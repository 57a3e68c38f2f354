"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { CopyLink } from "@/components/ui/copy-link";
import { LocalTime } from "@/components/ui/local-time";
import { idleState } from "@/lib/actions/form-state";
import { MailDeliveryNote } from "@/components/admin/mail-delivery";
import type { MailDelivery } from "@/lib/mail/delivery-status";
import { issueResetLinkAction } from "./actions";

type Props = { studentId: string; name: string; delivery: MailDelivery | null; mailOn: boolean };

export function ResetLinkForm({ studentId, name, delivery, mailOn }: Props) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(issueResetLinkAction, idleState);
  const issued = state.status === "success" ? state.data : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("reset.intro", { name: () => <bdi>{name}</bdi> })}
      </p>
      <MailDeliveryNote delivery={delivery} testId="reset-mail-status" />
      <form
        action={action}
        onSubmit={(e) => {
          if (issued && !confirm(t("reset.confirm"))) e.preventDefault();
        }}
      >
        <input type="hidden" name="studentId" value={studentId} />
        <SubmitButton variant="secondary" pendingLabel={t("reset.creating")}>
          {mailOn ? t("mail.resetSubmit") : t("reset.submit")}
        </SubmitButton>
      </form>
      <FormStatus state={state} />
      {issued ? (
        <>
          <CopyLink url={issued.url} label={t("reset.linkLabel")} testId="reset-url" />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {t.rich("reset.expires", { date: () => <LocalTime value={issued.expiresAt} /> })}
          </p>
        </>
      ) : null}
    </div>
  );
}
