// The latest exams, journal saves and review days, newest first.
import Link from "next/link";
import { Badge } from "@/components/ui/primitives";
import type { Activity } from "@/lib/dashboard/progress";
import { LocalTime } from "@/components/ui/local-time";
import { formatDay, percent } from "@/lib/dashboard/format";
import { formatPhaseNumber } from "@/lib/content/phase-number";

export function RecentActivity({ items, links }: { items: Activity[]; links: boolean }) {
  if (!items.length)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Nothing yet. Start with a review session or a phase journal.
      </p>
    );
  return (
    <ul className="space-y-2 text-sm" data-testid="recent-activity">
      {items.map((a) => (
        <li key={`${a.kind}-${a.at.toISOString()}`} className="flex flex-wrap items-center gap-2">
          {a.kind === "exam" ? (
            <>
              <span>Exam, phase {formatPhaseNumber(a.phaseNumber)}:</span>
              {links ? (
                <Link
                  className="font-medium text-brand-600 hover:underline dark:text-brand-100"
                  href={`/phase/${formatPhaseNumber(a.phaseNumber)}/exam/${a.attemptId}`}
                >
                  {percent(a.score)}
                </Link>
              ) : (
                <span className="font-medium">{percent(a.score)}</span>
              )}
              <Badge tone={a.passed ? "green" : "red"}>{a.passed ? "passed" : "not passed"}</Badge>
            </>
          ) : a.kind === "journal" ? (
            <span>Journal updated, phase {formatPhaseNumber(a.phaseNumber)}</span>
          ) : (
            <span>
              {a.count} review{a.count === 1 ? "" : "s"}
            </span>
          )}
          <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
            {a.kind === "reviews" ? formatDay(a.at) : <LocalTime value={a.at} />}
          </span>
        </li>
      ))}
    </ul>
  );
}
