// The one rule for showing a moment: date and time in the viewer's time zone
// with the zone's name ("2 Dec 2026, 14:05 CET"). Pure and client-safe: the
// LocalTime component calls it in the browser (the viewer's zone) and, before
// hydration, on the server with timeZone "UTC" so that text names its zone too.
// dateStyle cannot be combined with timeZoneName, hence the separate fields.
export type MomentOptions = { timeZone?: string; locale?: string; seconds?: boolean };

export function formatMoment(date: Date, options: MomentOptions = {}): string {
  if (Number.isNaN(date.getTime())) return "unknown time";
  return date.toLocaleString(options.locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    timeZoneName: "short",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
}
