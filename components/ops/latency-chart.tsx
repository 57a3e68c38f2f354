// Request latency p50/p95/p99 as an inline SVG line chart (no chart library).
import { getFormatter, getTranslations } from "next-intl/server";
import type { LatencyPoint } from "@/lib/observability/ops-history";

const W = 720;
const H = 240;
const PAD = { left: 56, right: 16, top: 12, bottom: 28 };
const SERIES = [
  { key: "p50", label: "p50", className: "stroke-emerald-500", swatch: "bg-emerald-500" },
  { key: "p95", label: "p95", className: "stroke-amber-500", swatch: "bg-amber-500" },
  { key: "p99", label: "p99", className: "stroke-red-500", swatch: "bg-red-500" },
] as const;

/** A duration in ms below a second, else in seconds, with the locale's digits. */
export async function getFormatSeconds(): Promise<(seconds: number | null) => string> {
  const [t, format] = await Promise.all([getTranslations("ops"), getFormatter()]);
  const fixed = (value: number, digits: number) =>
    format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (seconds) => {
    if (seconds === null) return t("chart.noValue");
    return seconds < 1
      ? t("chart.ms", { value: fixed(seconds * 1000, seconds < 0.01 ? 1 : 0) })
      : t("chart.seconds", { value: fixed(seconds, 2) });
  };
}

/** A round axis maximum above the highest value. */
function niceMax(value: number): number {
  const steps = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return steps.find((s) => s >= value) ?? value;
}

const clock = (at: number) => new Date(at).toISOString().slice(11, 16);

export async function LatencyChart({ points, from, to }: { points: LatencyPoint[]; from: number; to: number }) {
  const [t, formatSeconds] = await Promise.all([getTranslations("ops"), getFormatSeconds()]);
  const values = points.flatMap((p) => [p.p50, p.p95, p.p99]).filter((v): v is number => v !== null);
  const yMax = niceMax(Math.max(0.01, ...values));
  const span = Math.max(1, to - from);
  const x = (at: number) => PAD.left + ((at - from) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const path = (key: "p50" | "p95" | "p99") => {
    let d = "";
    let pen = false;
    for (const p of points) {
      const v = p[key];
      if (v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${x(p.at).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    }
    return d.trim();
  };
  const latest = points.at(-1);
  const description = latest
    ? t("chart.latest", {
        p50: formatSeconds(latest.p50),
        p95: formatSeconds(latest.p95),
        p99: formatSeconds(latest.p99),
        requests: latest.requests,
      })
    : t("chart.none");
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * yMax);

  return (
    <figure>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t("chart.label", { description })}
        className="h-auto w-full"
        data-testid="latency-chart"
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">{formatSeconds(t)}</text>
          </g>
        ))}
        <text x={PAD.left} y={H - 8} className="fill-slate-500 text-[11px]">{clock(from)} UTC</text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-slate-500 text-[11px]">{clock(to)} UTC</text>
        {SERIES.map((s) => (
          <path key={s.key} d={path(s.key)} fill="none" strokeWidth={2} strokeLinejoin="round" className={s.className} data-series={s.key} />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap items-center gap-4 text-sm text-slate-600 dark:text-slate-400">
        {SERIES.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1.5"><span aria-hidden className={`h-2 w-4 rounded ${s.swatch}`} />{s.label}</span>
        ))}
        <span>{description}</span>
      </figcaption>
    </figure>
  );
}
