"use client";
// The time left on a timed attempt. The visible clock is a role="timer" (not
// announced as it ticks); a separate polite live region speaks only at 5 and 1
// minutes left and when time is up. The end is counted from the server's
// remaining time at render, so a wrong clock on the student's machine does not
// matter. At zero it calls onTimeUp once (the form then submits what is answered).
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

const MARKS = [300, 60]; // seconds left at which the live region speaks

function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

export function Countdown({ remainingMs, onTimeUp }: { remainingMs: number; onTimeUp: () => void }) {
  const t = useTranslations("exams.timer");
  const [left, setLeft] = useState(() => Math.ceil(remainingMs / 1000));
  const [announcement, setAnnouncement] = useState("");
  const fired = useRef(false);
  const onTimeUpRef = useRef(onTimeUp);
  useEffect(() => {
    onTimeUpRef.current = onTimeUp;
  });

  useEffect(() => {
    const endsAt = Date.now() + remainingMs;
    let spoken = MARKS.filter((m) => remainingMs / 1000 <= m).length;
    const tick = () => {
      const seconds = Math.ceil((endsAt - Date.now()) / 1000);
      setLeft(seconds);
      const due = MARKS.filter((m) => seconds <= m).length;
      if (due > spoken && seconds > 0) {
        spoken = due;
        setAnnouncement(t("minutesLeft", { minutes: Math.ceil(seconds / 60) }));
      }
      if (seconds <= 0 && !fired.current) {
        fired.current = true;
        setAnnouncement(t("timeUp"));
        onTimeUpRef.current();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [remainingMs, t]);

  const urgent = left <= 60;
  return (
    <div
      className={`sticky top-2 z-10 flex flex-wrap items-center justify-between gap-2 rounded-xl border px-4 py-2 text-sm shadow-sm ${
        urgent
          ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950"
          : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      }`}
      data-testid="exam-countdown"
    >
      <span>{left > 0 ? t("label") : t("timeUp")}</span>
      <span role="timer" aria-label={t("label")} className="font-mono text-lg font-semibold tabular-nums">
        {clock(left)}
      </span>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
