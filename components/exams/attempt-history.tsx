// A student's attempts at one exam, newest first.
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/primitives";
import type { AttemptSummary } from "@/lib/exams/attempts";
import { LocalTime } from "@/components/ui/local-time";
import { formatDuration, percent } from "@/lib/dashboard/format";

export async function AttemptHistory({ attempts, phase }: { attempts: AttemptSummary[]; phase: string }) {
  const [t, locale] = await Promise.all([getTranslations("exams"), getLocale()]);
  if (!attempts.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("history.none")}</p>;
  return (
    <table className="w-full text-sm" data-testid="attempt-history">
      <caption className="sr-only">{t("history.caption")}</caption>
      <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
        <tr>
          <th className="py-2">{t("history.when")}</th>
          <th className="py-2">{t("history.score")}</th>
          <th className="py-2">{t("history.time")}</th>
          <th className="py-2">
            <span className="sr-only">{t("history.result")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a) => (
          <tr key={a.id} className="border-t border-slate-100 dark:border-slate-800">
            <td className="py-2">
              <Link
                className="text-brand-600 hover:underline dark:text-brand-100"
                href={`/phase/${phase}/exam/${a.id}`}
              >
                <LocalTime value={a.submittedAt} />
              </Link>
            </td>
            <td className="py-2 tabular-nums">
              {percent(a.score, locale)}{" "}
              <span className="text-slate-500 dark:text-slate-400">
                ({a.correctCount}/{a.total})
              </span>
            </td>
            <td className="py-2 tabular-nums">{formatDuration(a.durationSeconds, locale)}</td>
            <td className="py-2">
              <Badge tone={a.passed ? "green" : "red"}>{a.passed ? t("history.passed") : t("history.failed")}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
