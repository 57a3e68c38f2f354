// 14-day review forecast as one small SVG. Day one includes overdue and new cards.
// /me renders this on every request, and the HTML is sent twice (markup and the
// RSC payload): the old CSS-bar version was 14 list items of four styled elements
// each (~11 KB of /me). Bars are one path per colour, labels share one <g>'s
// classes, and screen readers get the numbers as one sentence.
import { useLocale, useTranslations } from "next-intl";
import type { DayCount } from "@/lib/dashboard/progress";
import { formatDay } from "@/lib/dashboard/format";

const COL = 20; // one day's column, in viewBox units (the chart keeps its aspect ratio)
const BAR = 16;
const TOP = 12; // room for the count above the tallest bar
const PLOT = 80;
const HEIGHT = TOP + PLOT + 14; // and a row of day numbers below

function barPath(days: { i: number; h: number }[]): string {
  return days.map(({ i, h }) => `M${i * COL + 2} ${TOP + PLOT}v-${h}h${BAR}v${h}z`).join("");
}

export function ForecastChart({ forecast }: { forecast: DayCount[] }) {
  const max = Math.max(1, ...forecast.map((d) => d.count));
  const bars = forecast.map((d, i) => ({ i, h: d.count ? Math.max(3, Math.round((d.count / max) * PLOT)) : 1 }));
  const t = useTranslations("dashboard.forecast");
  const locale = useLocale();
  const summary = forecast
    .map((d, i) => t("day", { day: i === 0 ? t("today") : formatDay(d.day, locale), count: d.count }))
    .join(", ");
  return (
    <figure data-testid="forecast">
      <svg viewBox={`0 0 ${forecast.length * COL} ${HEIGHT}`} className="h-auto w-full" aria-hidden>
        <path d={barPath(bars.slice(0, 1))} className="fill-brand-600" />
        <path d={barPath(bars.slice(1))} className="fill-brand-500/60 dark:fill-brand-500/50" />
        <g className="fill-slate-500 text-[9px] tabular-nums dark:fill-slate-400" textAnchor="middle">
          {forecast.map((d, i) =>
            d.count ? (
              <text key={i} x={i * COL + COL / 2} y={TOP + PLOT - bars[i]!.h - 2}>
                {d.count}
              </text>
            ) : null,
          )}
          {forecast.map((d, i) =>
            i % 2 === 0 ? (
              <text key={`d${i}`} x={i * COL + COL / 2} y={HEIGHT - 2}>
                {i === 0 ? t("now") : d.day.getUTCDate()}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption className="sr-only">{t("summary", { days: summary })}</figcaption>
    </figure>
  );
}
