"use client";
// Extra time for a student on every timed exam (an accommodation): 1 is none.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";

export function AccommodationForm({
  studentId,
  multiplier,
  save,
}: {
  studentId: string;
  multiplier: number;
  save: FormAction;
}) {
  const t = useTranslations("admin.accommodation");
  const [state, action] = useActionState(save, idleState);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="studentId" value={studentId} />
      <div className="w-40">
        <Field
          name="multiplier"
          label={t("label")}
          inputMode="decimal"
          defaultValue={state.values?.multiplier ?? String(multiplier)}
          key={`${multiplier}`}
          error={state.fieldErrors?.multiplier}
        />
      </div>
      <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
      <div className="basis-full">
        <FormStatus state={state} />
      </div>
    </form>
  );
}
