import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { UntranslatedNote } from "@/components/content/course-text";
import { InlineMarkdown } from "@/components/content/markdown";
import { requireAdmin } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import type { Locale } from "@/lib/i18n/locales";
import { examQuestionStats, MIN_ANSWERS } from "@/lib/exams/question-stats";
import { currentRequestId } from "@/lib/observability/request-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("gradebook.statsHeading") };
}

type Props = { params: Promise<{ phase: string }> };
const FLAG = {
  negative: "examStats.flags.negative",
  low: "examStats.flags.low",
  easy: "examStats.flags.easy",
  hard: "examStats.flags.hard",
  few: "examStats.flags.few",
} as const;

export default async function ExamStatsPage({ params }: Props) {
  const admin = await requireAdmin();
  const { phase } = await params;
  if (!/^\d{1,3}$/.test(phase)) notFound();
  const locale = await getLocale();
  const stats = await examQuestionStats(admin, Number(phase), await currentRequestId(), locale);
  if (!stats) notFound();
  const t = await getTranslations("admin");
  const other = (lang: Locale) => foreignLang(lang, locale);
  return (
    <>
      <PageHeader
        title={t("examStats.title", { number: stats.phase.number })}
        description={
          <>
            <span className="block" lang={other(stats.phase.lang)}>
              {stats.phase.title}
            </span>
            {t("examStats.description", { count: stats.students })}
          </>
        }
      />
      <p className="mb-4">
        <Link
          href="/admin/gradebook"
          className="inline-flex min-h-6 items-center text-brand-700 underline dark:text-brand-100"
        >
          {t("examStats.back")}
        </Link>
      </p>
      <UntranslatedNote show={hasForeignText([stats.phase, ...stats.questions], locale)} />
      {stats.unreadable ? (
        <p className="mb-4 text-sm text-red-700 dark:text-red-300">
          {t("examStats.unreadable", { count: stats.unreadable })}
        </p>
      ) : null}
      {stats.students === 0 ? <Card>{t("examStats.none")}</Card> : null}
      <ol className="space-y-4">
        {stats.questions.map((q, i) => (
          <li key={q.id} data-testid={`question-${i + 1}`}>
            <Card>
              <h2 className="font-semibold">{t("examStats.question", { number: i + 1 })}</h2>
              <p className="mb-2">
                <InlineMarkdown source={q.prompt} lang={other(q.lang)} />
              </p>
              <p className="mb-2 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
                <span>{t("examStats.answered", { count: q.answered })}</span>
                {q.correctShare !== null ? <span>{t("examStats.correct", { share: q.correctShare })}</span> : null}
                <span data-testid="discrimination">
                  {q.discrimination === null
                    ? t("examStats.noDiscrimination")
                    : t("examStats.discrimination", { value: q.discrimination.toFixed(2) })}
                </span>
              </p>
              {q.flags.length ? (
                <ul className="mb-2 space-y-1 text-sm" data-testid="flags">
                  {q.flags.map((f) => (
                    <li
                      key={f}
                      className={
                        f === "few"
                          ? "text-slate-600 dark:text-slate-400"
                          : "font-medium text-red-700 dark:text-red-300"
                      }
                    >
                      {t(FLAG[f], { min: MIN_ANSWERS })}
                    </li>
                  ))}
                </ul>
              ) : null}
              <table className="w-full text-sm">
                <caption className="sr-only">{t("examStats.question", { number: i + 1 })}</caption>
                <tbody>
                  {q.choices.map((c) => (
                    <tr key={c.id} className="border-t border-slate-100 dark:border-slate-800">
                      <th scope="row" className="py-2 pr-3 text-left font-normal" lang={other(q.lang)}>
                        {c.text} {c.correct ? <Badge tone="green">{t("examStats.key")}</Badge> : null}
                      </th>
                      <td className="py-2 text-right whitespace-nowrap">
                        <span className="sr-only">{t("examStats.chosenBy")} </span>
                        {t("examStats.choice", { count: c.count, share: q.answered ? c.count / q.answered : 0 })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
