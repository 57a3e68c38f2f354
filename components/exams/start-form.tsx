"use client";
// The Start button of an exam with an attempt limit or a timer. Starting spends
// an attempt and starts the clock, so it is a deliberate press, never a page view.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";

export function StartExamForm({ phase, start, attempt }: { phase: string; start: FormAction; attempt: number }) {
  const [state, action] = useActionState(start, idleState);
  const t = useTranslations("exams.start");
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="phase" value={phase} />
      <SubmitButton pendingLabel={t("pending")}>{t("button", { attempt })}</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}
