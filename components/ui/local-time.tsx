"use client";
// Every moment the portal shows goes through this component (lib/time/format-moment.ts):
// the viewer's own time zone with the zone shown, the same after a save (client
// render) as after a reload (server render, then hydration). The server cannot
// know the viewer's zone, so it and the hydration pass render UTC, labelled;
// right after hydration the component re-renders in the browser's zone.
import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";
import { formatMoment } from "@/lib/time/format-moment";

const noSubscription = () => () => {};

export function LocalTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const locale = useLocale();
  const date = typeof value === "string" ? new Date(value) : value;
  // English follows the browser's own conventions (en-US or en-GB); Spanish pages read as Spanish.
  const text = formatMoment(
    date,
    inBrowser
      ? { seconds, locale: locale === "en" ? undefined : locale }
      : { seconds, timeZone: "UTC", locale: locale === "en" ? "en-GB" : "es-ES" },
  );
  return (
    <time dateTime={date.toISOString()} data-local={inBrowser ? "" : undefined}>
      {text}
    </time>
  );
}
