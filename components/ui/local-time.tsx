"use client";
// Every moment the portal shows goes through this component (lib/time/format-moment.ts):
// in the viewer's time zone (their own on /account, else the cohort's, handed down by
// the root layout's IntlProvider) with the zone shown, in one fixed style per language.
// The server and the browser are given the same zone and style, so the text a page
// arrives with is the text it keeps after hydration (and after a client render); the
// warning is suppressed only for a browser whose ICU data spells a zone differently.
import { useLocale, useTimeZone } from "next-intl";
import { formatMoment } from "@/lib/time/format-moment";

export function LocalTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? "UTC";
  const date = typeof value === "string" ? new Date(value) : value;
  const text = formatMoment(date, { seconds, timeZone, locale: locale === "en" ? "en-GB" : "es-ES" });
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
