"use client";
// The account's interface language: English, Spanish, or whatever the browser asks for.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { LOCALES, LOCALE_NAMES, type Locale } from "@/lib/i18n/locales";

export function LanguageForm({ current, save }: { current: Locale | null; save: FormAction }) {
  const t = useTranslations("common.locale");
  const [state, action] = useActionState(save, idleState);
  return (
    <form action={action} className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("label")}</legend>
        {[null, ...LOCALES].map((l) => (
          <label key={l ?? "browser"} className="flex min-h-6 items-center gap-2 text-sm">
            <input type="radio" name="locale" value={l ?? "browser"} defaultChecked={current === l} />
            {l ? <span lang={l}>{LOCALE_NAMES[l]}</span> : t("followBrowser")}
          </label>
        ))}
      </fieldset>
      <FormStatus state={state} />
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}
