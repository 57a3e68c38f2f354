import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AttemptHistory } from "@/components/exams/attempt-history";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { InlineMarkdown } from "@/components/content/markdown";
import { ExamForm } from "@/components/exams/exam-form";
import { Card, Notice, PageHeader } from "@/components/ui/primitives";
import { percent } from "@/lib/dashboard/format";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { parsePhaseNumber, phasePageTitle } from "@/lib/content/phases";
import { listAttempts, loadExamSheet } from "@/lib/exams/attempts";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { submitExamAction } from "./actions";

type Props = { params: Promise<{ nn: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("exams");
  return { title: await phasePageTitle((await params).nn, t("metaSection"), await getLocale()) };
}

export default async function ExamPage({ params }: Props) {
  const user = await requireStudent();
  const locale = await getLocale();
  const number = parsePhaseNumber((await params).nn);
  const sheet = number === null ? null : await loadExamSheet(user, number, new Date(), locale);
  if (!sheet) notFound();
  const nn = formatPhaseNumber(sheet.phase.number);
  const attempts = await listAttempts(user, sheet.phase.id);
  const t = await getTranslations("exams");
  const best = attempts.reduce<number | null>((b, a) => (b === null || a.score > b ? a.score : b), null);
  return (
    <>
      <PageHeader
        title={t.rich("title", { title: sheet.phase.title, course: courseTag(foreignLang(sheet.phase.lang, locale)) })}
        description={t("description", {
          count: sheet.questions.length,
          passMark: percent(sheet.phase.passMark, locale),
        })}
        actions={
          <Link
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
            href={`/phase/${nn}`}
          >
            {t("backToPhase")}
          </Link>
        }
      />
      <UntranslatedNote show={hasForeignText([sheet.phase, ...sheet.questions], locale)} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {sheet.questions.length ? (
            <ExamForm
              phase={nn}
              startToken={sheet.startToken}
              questions={sheet.questions.map(({ lang, ...q }) => ({
                ...q,
                prompt: <InlineMarkdown source={q.prompt} lang={foreignLang(lang, locale)} />,
                choices: q.choices.map((c) => ({
                  id: c.id,
                  text: <InlineMarkdown source={c.text} lang={foreignLang(lang, locale)} />,
                })),
              }))}
              submit={submitExamAction}
            />
          ) : (
            <Notice>{t("noQuestions")}</Notice>
          )}
        </div>
        <Card className="h-fit">
          <h2 className="font-semibold">{t("yourAttempts")}</h2>
          {best !== null ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {t("bestScore", { score: percent(best, locale) })}
            </p>
          ) : null}
          <div className="mt-3">
            <AttemptHistory attempts={attempts} phase={nn} />
          </div>
        </Card>
      </div>
    </>
  );
}
