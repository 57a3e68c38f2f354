// The latest exams, journal saves and review days, newest first.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/primitives";
import type { Activity } from "@/lib/dashboard/progress";
import { LocalTime } from "@/components/ui/local-time";
import { formatDay, percent } from "@/lib/dashboard/format";
import { formatPhaseNumber } from "@/lib/content/phase-number";

export function RecentActivity({ items, links }: { items: Activity[]; links: boolean }) {
  const t = useTranslations("dashboard.recent");
  const locale = useLocale();
  if (!items.length) return <p className="text-sm soft">{t("empty")}</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="recent-activity">
      {items.map((a) => (
        <li key={`${a.kind}-${a.at.toISOString()}`} className="flex flex-wrap items-center gap-2">
          {a.kind === "exam" ? (
            <>
              <span>{t("exam", { nn: formatPhaseNumber(a.phaseNumber) })}</span>
              {links ? (
                <Link
                  className="text-link"
                  href={`/phase/${formatPhaseNumber(a.phaseNumber)}/exam/${a.attemptId}`}
                  prefetch={false}
                >
                  {percent(a.score, locale)}
                </Link>
              ) : (
                <span className="font-medium">{percent(a.score, locale)}</span>
              )}
              <Badge tone={a.passed ? "green" : "red"}>{a.passed ? t("passed") : t("notPassed")}</Badge>
            </>
          ) : a.kind === "journal" ? (
            <span>{t("journal", { nn: formatPhaseNumber(a.phaseNumber) })}</span>
          ) : (
            <span>{t("reviews", { count: a.count })}</span>
          )}
          <span className="ml-auto text-xs muted">
            {a.kind === "reviews" ? formatDay(a.at, locale) : <LocalTime value={a.at} />}
          </span>
        </li>
      ))}
    </ul>
  );
}
