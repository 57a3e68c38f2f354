"use client";
// The confirm button of an unsubscribe link, then what it stopped and the way back.
// One status region throughout, so the confirmation is announced where it appears.
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import type { UnsubscribeScope } from "@/lib/mail/unsubscribe";

export function UnsubscribeForm({
  token,
  scope,
  email,
  unsubscribe,
}: {
  token: string;
  scope: UnsubscribeScope;
  /** Masked (a…@example.org): the page is open to whoever holds the link. */
  email: string;
  unsubscribe: FormAction;
}) {
  const t = useTranslations("account.unsubscribe");
  const [state, action] = useActionState(unsubscribe, idleState);
  const done = state.status === "success";
  return (
    <div className="space-y-4">
      {done ? null : (
        <>
          <p className="text-slate-700 dark:text-slate-300">{t("question", { scope, email })}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("alwaysSent")}</p>
        </>
      )}
      <FormStatus state={state} />
      {done ? (
        <p className="text-sm">
          {t.rich("changeBack", {
            link: (chunks) => (
              <Link className="inline-flex min-h-6 items-center underline" href="/account">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <form action={action}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton pendingLabel={t("pending")}>{t("confirm")}</SubmitButton>
        </form>
      )}
    </div>
  );
}
