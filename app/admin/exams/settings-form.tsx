"use client";
// One phase's exam settings. Blank attempts or minutes mean none; the dates are
// wall times in the cohort's zone (named in the hint). Field ids carry the phase,
// since every phase's form is on one page.
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { FormStatus, SubmitButton } from "@/components/ui/form";

export type SettingsValues = {
  attempts: string;
  timeLimitMinutes: string;
  shuffleQuestions: boolean;
  shuffleChoices: boolean;
  showAnswers: string;
  opensAt: string;
  closesAt: string;
};

// Literal keys, so the catalogue check sees each one used.
const SHOW = {
  never: "show.never",
  "after-each": "show.after-each",
  "after-last-attempt": "show.after-last-attempt",
  "after-close": "show.after-close",
} as const;
const inputStyle =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm " +
  "aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950";

type Props = {
  phase: string;
  values: SettingsValues;
  zone: string;
  save: FormAction;
  reset: FormAction;
  overridden: boolean;
};

export function ExamSettingsForm({ phase, values, zone, save, reset, overridden }: Props) {
  const t = useTranslations("admin.exams.form");
  const [state, action] = useActionState(save, idleState);
  const [resetState, resetAction] = useActionState(reset, idleState);
  const v = { ...values, ...(state.status === "error" ? state.values : {}) } as SettingsValues;
  const id = (name: string) => `p${phase}-${name}`;
  const error = (name: string) => state.fieldErrors?.[name];
  const described = (name: string, hint?: boolean) =>
    [hint ? `${id(name)}-hint` : null, error(name) ? `${id(name)}-error` : null].filter(Boolean).join(" ") || undefined;
  const field = (name: keyof SettingsValues, label: string, input: React.ReactNode, hint?: string) => (
    <div className="space-y-1">
      <label htmlFor={id(name)} className="block text-sm font-medium">
        {label}
      </label>
      {input}
      {hint ? (
        <p id={`${id(name)}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error(name) ? (
        <p id={`${id(name)}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error(name)}
        </p>
      ) : null}
    </div>
  );
  const text = (name: "attempts" | "timeLimitMinutes" | "opensAt" | "closesAt", type: string, hint: boolean) => (
    <input
      id={id(name)}
      name={name}
      type={type}
      inputMode={type === "text" ? "numeric" : undefined}
      defaultValue={v[name]}
      aria-invalid={error(name) ? true : undefined}
      aria-describedby={described(name, hint)}
      className={inputStyle}
    />
  );
  return (
    <div className="space-y-3">
      <form action={action} className="grid gap-4 sm:grid-cols-2" key={JSON.stringify(values)}>
        <input type="hidden" name="phase" value={phase} />
        {field("attempts", t("attempts"), text("attempts", "text", true), t("attemptsHint"))}
        {field("timeLimitMinutes", t("timeLimit"), text("timeLimitMinutes", "text", true), t("timeLimitHint"))}
        {field("opensAt", t("opensAt"), text("opensAt", "datetime-local", true), t("zoneHint", { zone }))}
        {field("closesAt", t("closesAt"), text("closesAt", "datetime-local", true), t("zoneHint", { zone }))}
        {field(
          "showAnswers",
          t("showAnswers"),
          <select
            id={id("showAnswers")}
            name="showAnswers"
            defaultValue={v.showAnswers}
            aria-describedby={described("showAnswers")}
            aria-invalid={error("showAnswers") ? true : undefined}
            className={inputStyle}
          >
            {Object.entries(SHOW).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>,
        )}
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("shuffle")}</legend>
          {(["shuffleQuestions", "shuffleChoices"] as const).map((name) => (
            <label key={name} htmlFor={id(name)} className="flex items-center gap-2 text-sm">
              <input
                id={id(name)}
                name={name}
                type="checkbox"
                defaultChecked={values[name]}
                className="accent-brand-600"
              />
              {t(name)}
            </label>
          ))}
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel={t("saving")}>{t("save")}</SubmitButton>
        </div>
      </form>
      {/* Outside the form, which is remounted with the saved values: a live region must stay in place to be announced. */}
      <FormStatus state={state} />
      {overridden ? (
        <form action={resetAction}>
          <input type="hidden" name="phase" value={phase} />
          <SubmitButton variant="secondary">{t("resetButton")}</SubmitButton>
        </form>
      ) : null}
      {/* Kept when the button goes (nothing left to reset), so the confirmation is read out. */}
      <FormStatus state={resetState} />
    </div>
  );
}
