"use client";
// The dashboard's simulator: choose a retention, see the reviews per day of the
// next 30 days for your own cards (lib/review/simulate.ts, run on the server on
// request — GET /review/workload — so /me itself renders no slower for it). Nothing is saved.
import { useEffect, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { WorkloadChart } from "./workload-chart";
import { fetchWorkload, type Workload } from "./fetch-workload";
const CHOICES = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];

export function WorkloadSimulator({ initial }: { initial: number }) {
  const t = useTranslations("review.simulator");
  const id = useId();
  const [retention, setRetention] = useState(initial);
  const [workload, setWorkload] = useState<Workload | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    void fetchWorkload(retention, abort.signal).then((w) => {
      if (w && !abort.signal.aborted) setWorkload(w);
    });
    return () => abort.abort();
  }, [retention]);
  const options = CHOICES.includes(initial) ? CHOICES : [...CHOICES, initial].sort();
  return (
    <div className="space-y-2" data-testid="workload-simulator">
      <label htmlFor={id} className="mr-2 text-sm font-medium">
        {t("retention")}
      </label>
      <select
        id={id}
        value={retention.toFixed(2)}
        onChange={(e) => setRetention(Number(e.target.value))}
        className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      >
        {options.map((r) => (
          <option key={r} value={r.toFixed(2)}>
            {`${Math.round(r * 100)} %`}
          </option>
        ))}
      </select>
      <p className="text-sm" aria-live="polite" data-testid="simulator-summary">
        {workload
          ? t("summary", {
              percent: Math.round(workload.retention * 100),
              mean: workload.mean,
              days: workload.days,
              peak: Math.round(Math.max(0, ...workload.perDay)),
            })
          : t("computing")}
      </p>
      {workload ? <WorkloadChart perDay={workload.perDay} testId="simulator-chart" /> : null}
    </div>
  );
}
