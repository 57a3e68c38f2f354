"use client";
// The header's language switcher: choosing a language submits at once (the
// button is there for keyboards and for browsers without JavaScript).
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";

export function LocaleSwitcher({ switchLocale }: { switchLocale: FormAction }) {
  const t = useTranslations("common.locale");
  const locale = useLocale();
  const [, action, pending] = useActionState(switchLocale, idleState);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex items-center gap-1 text-sm">
      <label htmlFor="locale-switcher" className="sr-only">
        {t("label")}
      </label>
      <select
        id="locale-switcher"
        name="locale"
        defaultValue={locale}
        key={locale}
        disabled={pending}
        onChange={() => form.current?.requestSubmit()}
        className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" className="sr-only focus:not-sr-only focus:rounded focus:border focus:px-2 focus:py-1">
        {t("apply")}
      </button>
    </form>
  );
}
