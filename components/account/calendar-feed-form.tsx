"use client";
// The student's calendar feed: turn it on, reset its link, or turn it off. The
// link is shown once, right after it is made (only its hash is stored).
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { CopyLink } from "@/components/ui/copy-link";

export type CalendarFeedState = { enabled: boolean; url?: string };

export function CalendarFeedForm({ enabled, save }: { enabled: boolean; save: FormAction<CalendarFeedState> }) {
  const [state, action] = useActionState(save, idleState);
  const t = useTranslations("account.calendar");
  const on = state.data?.enabled ?? enabled;
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("intro")}</p>
      <p className="text-sm" data-testid="calendar-state">
        {on ? t("on") : t("off")}
      </p>
      {state.data?.url ? (
        <div className="space-y-1">
          <CopyLink url={state.data.url} label={t("linkLabel")} testId="calendar-url" />
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("linkOnce")}</p>
        </div>
      ) : null}
      <FormStatus state={state} />
      <div className="flex flex-wrap gap-2">
        {on ? (
          <>
            <SubmitButton name="intent" value="reset" variant="secondary" pendingLabel={t("pending")}>
              {t("reset")}
            </SubmitButton>
            <SubmitButton name="intent" value="off" variant="secondary" pendingLabel={t("pending")}>
              {t("turnOff")}
            </SubmitButton>
          </>
        ) : (
          <SubmitButton name="intent" value="on" pendingLabel={t("pending")}>
            {t("turnOn")}
          </SubmitButton>
        )}
      </div>
    </form>
  );
}
