"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { CopyLink } from "@/components/ui/copy-link";
import { LocalTime } from "@/components/ui/local-time";
import { idleState } from "@/lib/actions/form-state";
import { issueResetLinkAction } from "./actions";

export function ResetLinkForm({ studentId, name }: { studentId: string; name: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(issueResetLinkAction, idleState);
  const issued = state.status === "success" ? state.data : undefined;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t.rich("reset.intro", { name: () => <bdi>{name}</bdi> })}
      </p>
      <form
        action={action}
        onSubmit={(e) => {
          if (issued && !confirm(t("reset.confirm"))) e.preventDefault();
        }}
      >
        <input type="hidden" name="studentId" value={studentId} />
        <SubmitButton variant="secondary" pendingLabel={t("reset.creating")}>
          {t("reset.submit")}
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
