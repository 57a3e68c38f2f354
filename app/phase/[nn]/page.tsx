import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { CourseText, UntranslatedNote } from "@/components/content/course-text";
import { PhaseDates } from "@/components/content/phase-dates";
import { InlineMarkdown, Markdown } from "@/components/content/markdown";
import { Card, PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { getPhase, parsePhaseNumber, phasePageTitle } from "@/lib/content/phases";
import { studentPhaseSchedule } from "@/lib/content/student-phase-schedule";
import { journalStatuses } from "@/lib/journal/notes";
import { LocalTime } from "@/components/ui/local-time";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { percent } from "@/lib/dashboard/format";

type Props = { params: Promise<{ nn: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await phasePageTitle((await params).nn, undefined, await getLocale()) };
}

export default async function PhasePage({ params }: Props) {
  const user = await requireStudent();
  const number = parsePhaseNumber((await params).nn);
  const phase = number === null ? null : await getPhase(number, await getLocale());
  if (!phase) notFound();
  const nn = formatPhaseNumber(phase.number);
  const [statuses, schedule] = await Promise.all([journalStatuses(user), studentPhaseSchedule(user, phase)]);
  const journal = statuses.find((j) => j.phaseNumber === phase.number);
  const [t, format, locale] = await Promise.all([getTranslations("phase"), getFormatter(), getLocale()]);
  const lang = foreignLang(phase.lang, locale);
  return (
    <>
      <PageHeader
        title={<CourseText lang={lang}>{phase.title}</CourseText>}
        description={<CourseText lang={lang}>{phase.summary}</CourseText>}
        actions={
          <div className="flex flex-wrap gap-2 text-sm">
            <Link
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href={`/phase/${nn}/notes`}
            >
              {t("actions.journal")}
            </Link>
            <Link
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href={`/review?phase=${nn}`}
            >
              {t("actions.review")}
            </Link>
            <Link className="rounded-lg bg-brand-600 px-3 py-1.5 text-white" href={`/phase/${nn}/exam`}>
              {t("actions.exam")}
            </Link>
          </div>
        }
      />
      <PhaseDates schedule={schedule} className="-mt-4 mb-6" />
      <UntranslatedNote show={hasForeignText([phase, ...phase.cards], locale)} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <Markdown source={phase.body} course lang={lang} />
        </Card>
        <Card>
          <h2 className="font-semibold">{t("flashcards", { count: phase.cards.length })}</h2>
          <ul className="mt-3 space-y-2 text-sm">
            {phase.cards.map((c) => (
              <li key={c.id} className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
                <InlineMarkdown source={c.front} lang={foreignLang(c.lang, locale)} />
              </li>
            ))}
          </ul>
          <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
            {t("examSummary", { count: phase.questionCount, mark: percent(phase.passMark, locale) })}
          </p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="journal-status">
            {journal
              ? t.rich("journalSaved", {
                  time: () => <LocalTime value={journal.savedAt} />,
                  size: format.number(journal.sizeBytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                })
              : t.rich("journalNotStarted", {
                  link: (chunks) => (
                    <Link className="underline" href={`/phase/${nn}/notes`}>
                      {chunks}
                    </Link>
                  ),
                })}
          </p>
        </Card>
      </div>
    </>
  );
}
