"use client";
// The student's scheduler (SM-2 or FSRS), FSRS's desired retention with the daily
// workload it would cost shown before saving, and the daily cap on reviews.
import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Field, FormStatus, SubmitButton } from "@/components/ui/form";
import { WorkloadChart } from "@/components/review/workload-chart";
import { fetchWorkload, type Workload } from "@/components/review/fetch-workload";

type Props = {
  scheduler: "sm2" | "fsrs";
  retention: number;
  reviewsPerDay: number;
  saveScheduler: FormAction<"sm2" | "fsrs">;
  saveRetention: FormAction<number>;
  saveReviewsPerDay: FormAction<number>;
};

const SCHEDULER_LABELS = {
  fsrs: ["scheduler.fsrs", "scheduler.fsrsHint"],
  sm2: ["scheduler.sm2", "scheduler.sm2Hint"],
} as const;

export function ReviewSettingsForm(props: Props) {
  const t = useTranslations("account");
  const [schedState, schedAction] = useActionState(props.saveScheduler, idleState);
  const [retState, retAction] = useActionState(props.saveRetention, idleState);
  const [capState, capAction] = useActionState(props.saveReviewsPerDay, idleState);
  const current = schedState.data ?? props.scheduler;
  const [retention, setRetention] = useState(Number(retState.values?.desiredRetention ?? props.retention));
  const [workload, setWorkload] = useState<Workload | null>(null);
  // The workload at the chosen retention, before saving (debounced; the latest answer wins).
  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void fetchWorkload(retention, abort.signal).then((w) => {
        if (w && !abort.signal.aborted) setWorkload(w);
      });
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [retention]);

  const cap = capState.values?.reviewsPerDay ?? String(capState.data ?? props.reviewsPerDay);
  return (
    <div className="space-y-6">
      <form action={schedAction} className="space-y-3" noValidate>
        <fieldset>
          <legend className="text-sm font-medium">{t("scheduler.label")}</legend>
          <div className="mt-2 space-y-2">
            {(["fsrs", "sm2"] as const).map((s) => (
              <label key={s} className="flex items-start gap-2 text-sm">
                <input type="radio" name="scheduler" value={s} defaultChecked={current === s} className="mt-1" />
                <span>
                  <span className="font-medium">{t(SCHEDULER_LABELS[s][0])}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{t(SCHEDULER_LABELS[s][1])}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <FormStatus state={schedState} />
        <SubmitButton pendingLabel={t("scheduler.pending")}>{t("scheduler.submit")}</SubmitButton>
      </form>

      <form action={retAction} className="space-y-3" noValidate>
        <div className="space-y-1">
          <label htmlFor="desiredRetention" className="block text-sm font-medium">
            {t("retention.label")}
          </label>
          <div className="flex items-center gap-3">
            <input
              id="desiredRetention"
              name="desiredRetention"
              type="range"
              min={0.7}
              max={0.97}
              step={0.01}
              value={retention}
              onChange={(e) => setRetention(Number(e.target.value))}
              aria-describedby="desiredRetention-hint desiredRetention-workload"
              aria-valuetext={`${Math.round(retention * 100)} %`}
              className="h-6 w-full"
            />
            <output
              htmlFor="desiredRetention"
              className="w-14 text-right text-sm tabular-nums"
              data-testid="retention-value"
            >
              {Math.round(retention * 100)} %
            </output>
          </div>
          <p id="desiredRetention-hint" className="text-xs text-slate-500 dark:text-slate-400">
            {t("retention.hint")}
          </p>
          <p id="desiredRetention-workload" className="text-sm" aria-live="polite" data-testid="retention-workload">
            {workload
              ? t("retention.workload", {
                  mean: workload.mean,
                  peak: Math.round(Math.max(0, ...workload.perDay)),
                  percent: Math.round(workload.retention * 100),
                  days: workload.days,
                })
              : t("retention.computing")}
          </p>
          {workload ? <WorkloadChart perDay={workload.perDay} testId="retention-chart" /> : null}
          {retState.fieldErrors?.desiredRetention ? (
            <p className="text-sm text-red-600 dark:text-red-400">{retState.fieldErrors.desiredRetention}</p>
          ) : null}
        </div>
        <FormStatus state={retState} />
        <SubmitButton pendingLabel={t("retention.pending")}>{t("retention.submit")}</SubmitButton>
      </form>

      <form action={capAction} className="space-y-3" noValidate>
        <Field
          key={cap}
          name="reviewsPerDay"
          label={t("reviewsCap.label")}
          type="number"
          inputMode="numeric"
          min={0}
          max={9999}
          step={1}
          defaultValue={cap}
          hint={t("reviewsCap.hint")}
          error={capState.fieldErrors?.reviewsPerDay}
        />
        <FormStatus state={capState} />
        <SubmitButton pendingLabel={t("reviewsCap.pending")}>{t("reviewsCap.submit")}</SubmitButton>
      </form>
    </div>
  );
}
