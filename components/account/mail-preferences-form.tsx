"use client";
// Which optional emails the account gets (announcements, review reminders) and the
// time zone its email day follows. Admins get neither kind, so their form has only the zone.
import type { ReactNode } from "react";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { Notice } from "@/components/ui/primitives";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import type { MailFrequency, MailPreferences } from "@/lib/mail/preferences";

// Literal keys (not built from the value) so the catalogue check sees each one used.
const FREQUENCY_LABEL = {
  immediately: "mail.frequency.immediately",
  daily: "mail.frequency.daily",
  never: "mail.frequency.never",
} as const satisfies Record<MailFrequency, string>;
const FREQUENCIES = Object.keys(FREQUENCY_LABEL) as MailFrequency[];

function SelectField({
  name,
  label,
  hint,
  error,
  defaultValue,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  children: ReactNode;
}) {
  const id = `mail-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={
          "block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm " +
          "aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-950"
        }
      >
        {children}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function MailPreferencesForm({
  current,
  zones,
  showKinds,
  save,
}: {
  current: MailPreferences;
  zones: string[];
  /** Students choose per kind; admins get no announcement or reminder emails. */
  showKinds: boolean;
  save: FormAction<MailPreferences>;
}) {
  const [state, action] = useActionState(save, idleState);
  const t = useTranslations("account");
  const saved = state.data ?? current;
  // A refused form keeps what was chosen; a saved one shows what was stored.
  const shown = {
    announcements: state.values?.announcements ?? saved.announcements,
    reminders: state.values?.reminders ?? saved.reminders,
    timeZone: state.values?.timeZone ?? saved.timeZone ?? "",
  };
  const errors = state.fieldErrors ?? {};
  const time = `${String(saved.mailHour).padStart(2, "0")}:00`;
  return (
    <form action={action} className="space-y-4" noValidate>
      {saved.mailEnabled ? null : <Notice>{t("mail.mailOff")}</Notice>}
      {/* Keyed by the values: React resets a form after its action, and the fields must show these. */}
      <div key={JSON.stringify(shown)} className="space-y-4">
        {showKinds ? (
          <>
            <SelectField
              name="announcements"
              label={t("mail.announcements")}
              hint={t("mail.announcementsHint")}
              error={errors.announcements}
              defaultValue={shown.announcements}
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {t(FREQUENCY_LABEL[f])}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="reminders"
              label={t("mail.reminders")}
              hint={t("mail.remindersHint", { time })}
              error={errors.reminders}
              defaultValue={shown.reminders}
            >
              {FREQUENCIES.map((f) => (
                <option key={f} value={f}>
                  {t(FREQUENCY_LABEL[f])}
                </option>
              ))}
            </SelectField>
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("mail.adminNote")}</p>
        )}
        <SelectField
          name="timeZone"
          label={t("mail.timeZone")}
          hint={t("mail.timeZoneHint")}
          error={errors.timeZone}
          defaultValue={shown.timeZone}
        >
          <option value="">{t("mail.cohortDefault", { zone: saved.cohortTimeZone })}</option>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t("mail.alwaysSent")}</p>
      <FormStatus state={state} />
      <SubmitButton pendingLabel={t("mail.pending")}>{t("mail.submit")}</SubmitButton>
    </form>
  );
}
