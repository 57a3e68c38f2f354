// Past reviews per local day as an SVG calendar: one column per week, Monday on top.
import { useTranslations } from "next-intl";
import type { DayCount } from "@/lib/dashboard/progress";
import { HeatmapLegend } from "./heatmap-legend";
import { LEVELS } from "./heatmap-levels";

const CELL = 11;
const GAP = 3;

export function ReviewHeatmap({ days }: { days: DayCount[] }) {
  const t = useTranslations("dashboard.heatmap");
  const max = Math.max(1, ...days.map((d) => d.count));
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const active = days.filter((d) => d.count > 0).length;
  const weeks = Math.ceil(days.length / 7);
  const width = weeks * (CELL + GAP);
  const height = 7 * (CELL + GAP);
  // /me renders this on every request and its markup is sent twice (HTML and the
  // RSC payload), so it is kept small: the empty days are one pattern-filled rect
  // over the weeks before this one (days start on a Monday, so those are whole),
  // and the active days and this week's one path per colour level.
  const full = weeks - 1;
  const paths = ["", "", "", "", ""];
  days.forEach((d, i) => {
    const level = d.count === 0 ? 0 : Math.min(4, Math.ceil((d.count / max) * 4));
    if (level === 0 && Math.floor(i / 7) < full) return; // under the pattern
    paths[level] += `M${Math.floor(i / 7) * (CELL + GAP)} ${(i % 7) * (CELL + GAP)}h${CELL}v${CELL}h-${CELL}z`;
  });
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full max-w-xl"
        role="img"
        aria-label={t("label", { total, active, days: days.length })}
        data-testid="heatmap"
      >
        <defs>
          <pattern id="heatmap-empty-day" width={CELL + GAP} height={CELL + GAP} patternUnits="userSpaceOnUse">
            <rect width={CELL} height={CELL} className={LEVELS[0]} />
          </pattern>
        </defs>
        {full > 0 ? <rect width={full * (CELL + GAP)} height={height} fill="url(#heatmap-empty-day)" /> : null}
        {paths.map((d, level) => (d ? <path key={level} d={d} className={LEVELS[level]} /> : null))}
      </svg>
      <figcaption className="mt-2 flex items-center gap-2 text-xs muted">
        <span>{t("caption", { total, days: days.length })}</span>
        <HeatmapLegend less={t("less")} more={t("more")} />
      </figcaption>
    </figure>
  );
}
