"use client";
// The FSRS optimizer on /admin/ops: a button that starts a run (audited, one at a
// time) and its progress, polled every second while it runs.
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import { Button } from "@/components/ui/primitives";

const STATUS = { running: "status.running", done: "status.done", failed: "status.failed" } as const;

type Run = { id: string; status: string; done: number; total: number; startedAt: Date; finishedAt: Date | null; summary: string };

export function FsrsPanel({
  initial,
  start,
}: {
  initial: Run | null;
  start: FormAction<Run>;
}) {
  const t = useTranslations("ops.fsrs");
  const [run, setRun] = useState<Run | null>(initial);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const running = run?.status === "running";

  // A GET (app/admin/ops/fsrs-run/route.ts): polling spends no write budget.
  const poll = useCallback(async () => {
    try {
      const res = await fetch("/admin/ops/fsrs-run", { cache: "no-store" });
      if (res.ok) setRun((await res.json()) as Run | null);
    } catch {
      // The next poll tries again.
    }
  }, []);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void poll(), 1000);
    return () => clearInterval(timer);
  }, [running, poll]);

  const onStart = async () => {
    setBusy(true);
    setError("");
    try {
      const fd = new FormData();
      fd.set("confirm", "optimize");
      const r = await start(idleState, fd);
      if (r.status === "success" && r.data) setRun(r.data);
      else setError(r.message ?? t("failed"));
    } finally {
      setBusy(false);
    }
  };

  const percent = run && run.total ? Math.round((run.done / run.total) * 100) : running ? 0 : 100;
  return (
    <div className="space-y-3" data-testid="fsrs-panel">
      <Button onClick={() => void onStart()} disabled={busy || running}>
        {running ? t("running") : t("start")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {run ? (
        <div className="space-y-1 text-sm">
          <progress className="w-full" max={100} value={percent} aria-label={t("progressLabel")} />
          <p aria-live="polite" data-testid="fsrs-run-status">
            {t(STATUS[run.status === "done" ? "done" : run.status === "failed" ? "failed" : "running"], { percent })}
            {run.summary ? ` ${run.summary}` : ""}
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("never")}</p>
      )}
    </div>
  );
}
