"use client";
// Withdrawing asks first: the announcement leaves every dashboard at once, and
// the confirmation says that email already sent stays sent.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/form";
import { idleState } from "@/lib/actions/form-state";
import { withdrawAnnouncementAction } from "./actions";

export function WithdrawButton({ id, title }: { id: string; title: string }) {
  const t = useTranslations("admin");
  const [state, action] = useActionState(withdrawAnnouncementAction, idleState);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!confirm(t("announcements.withdraw.confirm", { title }))) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" pendingLabel={t("announcements.withdraw.pending")}>
        {t("announcements.withdraw.button")}
      </SubmitButton>
      {state.status === "error" ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
