"use client";
// Reviews per day over the next 30 days as bars (inline SVG, dark mode by class).
import { useTranslations } from "next-intl";

export function WorkloadChart({ perDay, testId }: { perDay: number[]; testId?: string }) {
  const t = useTranslations("review.simulator");
  const max = Math.max(1, ...perDay);
  const w = 300;
  const h = 80;
  const bar = w / Math.max(1, perDay.length);
  return (
    <svg
      viewBox={`0 0 ${w} ${h}`}
      className="h-20 w-full text-brand-600 dark:text-brand-100"
      role="img"
      aria-label={t("chartLabel", { days: perDay.length, max: Math.round(max) })}
      data-testid={testId}
    >
      {perDay.map((n, i) => {
        const bh = (n / max) * (h - 4);
        return <rect key={i} x={i * bar + 1} y={h - bh} width={Math.max(1, bar - 2)} height={bh} fill="currentColor" />;
      })}
    </svg>
  );
}
