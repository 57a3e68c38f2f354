// Formatting shared by the dashboard, exams and admin views, in the viewer's
// language. Moments are shown by components/ui/local-time.tsx (the viewer's
// zone); days here are calendar days (the student's local days, each the Date of its
// UTC midnight: lib/dashboard/progress.ts#DayCount), so their UTC fields read the day.
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

const PERCENT = new Map<Locale, Intl.NumberFormat>();

/** A score from 0 to 1 as a whole percentage: "42 %" (English keeps its plain space), "42 %" in Spanish. */
export function percent(score: number, locale: Locale = DEFAULT_LOCALE): string {
  if (locale === "en") return `${Math.round(score * 100)} %`;
  let format = PERCENT.get(locale);
  if (!format)
    PERCENT.set(locale, (format = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 })));
  return format.format(Math.round(score * 100) / 100);
}

// English keeps its hand-made "14 Mar" (Intl's en-GB says "Sept", en-US "Mar 14").
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = new Map<Locale, Intl.DateTimeFormat>();

/** A calendar day, "14 Mar" / "14 mar". One formatter per language, built once: the heatmap
 *  and forecast format ~180 days per render (a formatter per call was the largest cost of /me). */
export function formatDay(date: Date, locale: Locale = DEFAULT_LOCALE): string {
  if (locale === "en") return `${date.getUTCDate()} ${EN_MONTHS[date.getUTCMonth()]}`;
  let format = DAY.get(locale);
  if (!format)
    DAY.set(locale, (format = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" })));
  return format.format(date);
}

/** "42 s", "3 min 5 s", "1 h 2 min": SI unit symbols, the same in every supported language. */
export function formatDuration(seconds: number, locale: Locale = DEFAULT_LOCALE): string {
  void locale; // kept in the signature so callers pass it when a language needs other units
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
