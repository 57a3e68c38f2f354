"use client";
// The dashboard's simulator: choose a retention, see the reviews per day of the
// next 30 days for your own cards (lib/review/simulate.ts, run on the server on
// request, so /me itself renders no faster or slower for it). Nothing is saved.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { WorkloadChart } from "./workload-chart";

type Workload = { retention: number; perDay: number[]; mean: number; days: number };
const CHOICES = [0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97];

export function WorkloadSimulator({ initial, simulate }: { initial: number; simulate: FormAction<Workload> }) {
  const t = useTranslations("review.simulator");
  const id = useId();
  const [retention, setRetention] = useState(initial);
  const [workload, setWorkload] = useState<Workload | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    const n = ++asked.current;
    const fd = new FormData();
    fd.set("desiredRetention", retention.toFixed(2));
    void simulate(idleState, fd).then((r) => {
      if (n === asked.current && r.status === "success" && r.data) setWorkload(r.data);
    });
  }, [retention, simulate]);
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
            {Math.round(r * 100)} %
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
