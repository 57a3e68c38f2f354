"use client";
// The latest exams, journal saves and review days, newest first. A client component fed
// plain rows (lib/dashboard/rows.ts), so the RSC payload does not repeat its markup.
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import type { ActivityRow } from "@/lib/dashboard/rows";

export function RecentActivity({ items, links }: { items: ActivityRow[]; links: boolean }) {
  const t = useTranslations("dashboard.recent");
  if (!items.length) return <p className="text-sm soft">{t("empty")}</p>;
  return (
    <ul className="activity space-y-2 text-sm" data-testid="recent-activity">
      {items.map((a) => (
        <li key={`${a.kind}-${a.at}`}>
          {a.kind === "exam" ? (
            <>
              <span>{t("exam", { nn: a.nn })}</span>
              {links ? (
                <Link className="text-link" href={`/phase/${a.nn}/exam/${a.attemptId}`}>
                  {a.score}
                </Link>
              ) : (
                <span className="font-medium">{a.score}</span>
              )}
              <Badge tone={a.passed ? "green" : "red"}>{a.passed ? t("passed") : t("notPassed")}</Badge>
            </>
          ) : a.kind === "journal" ? (
            <span>{t("journal", { nn: a.nn })}</span>
          ) : (
            <span>{t("reviews", { count: a.count })}</span>
          )}
          <span>{a.kind === "reviews" ? a.day : <LocalTime value={a.at} />}</span>
        </li>
      ))}
    </ul>
  );
}
