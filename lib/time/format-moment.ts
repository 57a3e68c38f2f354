// The one rule for showing a moment: date and time in the viewer's time zone
// with the zone's name ("2 Dec 2026, 14:05 CET"). Pure and client-safe: the
// LocalTime component calls it in the browser (the viewer's zone) and, before
// hydration, on the server with timeZone "UTC" so that text names its zone too.
// dateStyle cannot be combined with timeZoneName, hence the separate fields.
// Formatters are kept per locale, zone and precision: building one costs far
// more than formatting with it, and a dashboard shows dozens of moments.
export type MomentOptions = { timeZone?: string; locale?: string; seconds?: boolean };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor({ locale, timeZone, seconds }: MomentOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${timeZone ?? ""}|${seconds ? "s" : ""}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" } : {}),
      timeZoneName: "short",
      ...(timeZone ? { timeZone } : {}),
    });
    if (formatters.size > 200) formatters.clear(); // zones and locales are few; never grows without bound
    formatters.set(key, format);
  }
  return format;
}

export function formatMoment(date: Date, options: MomentOptions = {}): string {
  if (Number.isNaN(date.getTime())) return "unknown time";
  return formatterFor(options).format(date);
}
