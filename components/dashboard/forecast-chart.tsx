// 14-day review forecast as CSS bars. Day one includes overdue and new cards.
import type { DayCount } from "@/lib/dashboard/progress";
import { formatDay } from "@/lib/dashboard/format";

export function ForecastChart({ forecast }: { forecast: DayCount[] }) {
  const max = Math.max(1, ...forecast.map((d) => d.count));
  return (
    <figure>
      <ol className="flex h-40 items-end gap-1" aria-label="Reviews due over the next 14 days" data-testid="forecast">
        {forecast.map((d, i) => (
          <li key={d.day.toISOString()} className="flex h-full flex-1 flex-col items-center justify-end gap-1">
            <span className="text-[10px] tabular-nums text-slate-500 dark:text-slate-400" aria-hidden>{d.count || ""}</span>
            <span
              aria-hidden
              className={`w-full rounded-t ${i === 0 ? "bg-brand-600" : "bg-brand-500/60 dark:bg-brand-500/50"}`}
              style={{ height: `${d.count ? Math.max(4, (d.count / max) * 100) : 1}%` }}
            />
            <span className="sr-only">{i === 0 ? "Today" : formatDay(d.day)}: {d.count} card{d.count === 1 ? "" : "s"}</span>
          </li>
        ))}
      </ol>
      <div className="mt-1 flex gap-1 text-[10px] text-slate-500 dark:text-slate-400" aria-hidden>
        {forecast.map((d, i) => (
          <span key={d.day.toISOString()} className="flex-1 text-center">{i === 0 ? "today" : i % 2 === 0 ? d.day.getUTCDate() : ""}</span>
        ))}
      </div>
      <figcaption className="sr-only">Bar chart of cards due per day, today first.</figcaption>
    </figure>
  );
}
