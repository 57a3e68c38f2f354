"use client";
// A moment in the viewer's own time zone, with the zone shown ("3 Dec 2026,
// 14:05 CET"). The server renders it in its own zone first; the browser's text
// replaces it on hydration, hence suppressHydrationWarning.
// dateStyle cannot be combined with timeZoneName, hence the separate fields.
const FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

export function LocalTime({ value }: { value: Date | string }) {
  const date = typeof value === "string" ? new Date(value) : value;
  const text = date.toLocaleString(undefined, FORMAT);
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
