"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";

export function SuspendButton({
  cardId,
  suspended,
  save,
}: {
  cardId: string;
  suspended: boolean;
  save: FormAction<boolean>;
}) {
  const t = useTranslations("review.cards");
  const [state, action, pending] = useActionState(save, idleState);
  const now = state.status === "success" ? state.data === true : suspended;
  return (
    <form action={action} className="inline">
      <input type="hidden" name="cardId" value={cardId} />
      <input type="hidden" name="suspend" value={now ? "0" : "1"} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-xs hover:bg-slate-50 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-900"
      >
        {now ? t("unsuspend") : t("suspend")}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state.status !== "idle" ? state.message : ""}
      </span>
    </form>
  );
}
