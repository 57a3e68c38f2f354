"use client";
// Every moment the portal shows goes through this component (lib/time/format-moment.ts):
// the viewer's own time zone with the zone shown, the same after a save (client
// render) as after a reload (server render, then hydration). The server cannot
// know the viewer's zone, so it and the hydration pass render UTC, labelled;
// right after hydration the component re-renders in the browser's zone.
import { useSyncExternalStore } from "react";
import { formatMoment } from "@/lib/time/format-moment";

const noSubscription = () => () => {};

export function LocalTime({ value, seconds = false }: { value: Date | string; seconds?: boolean }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const date = typeof value === "string" ? new Date(value) : value;
  const text = formatMoment(date, inBrowser ? { seconds } : { seconds, timeZone: "UTC", locale: "en-GB" });
  return (
    <time dateTime={date.toISOString()} data-local={inBrowser ? "" : undefined}>
      {text}
    </time>
  );
}
