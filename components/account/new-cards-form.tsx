"use client";
// The student's daily limit of new review cards (default 20).
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";

export function NewCardsForm({ current, max, save }: { current: number; max: number; save: FormAction<number> }) {
  const [state, action] = useActionState(save, idleState);
  const t = useTranslations("account");
  const value = state.values?.newCardsPerDay ?? String(state.data ?? current);
  return (
    <form action={action} className="space-y-4" noValidate>
      <Field
        key={value}
        name="newCardsPerDay"
        label={t("review.newCards")}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        defaultValue={value}
        hint={t("review.hint")}
        error={state.fieldErrors?.newCardsPerDay}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel={t("review.pending")}>{t("review.submit")}</SubmitButton>
    </form>
  );
}
