import type { Metadata } from "next";
import Link from "@/components/ui/link";
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
import { examOverview, listAttempts, loadExamSheet } from "@/lib/exams/attempts";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { ExamRules } from "@/components/exams/exam-rules";
import { StartExamForm } from "@/components/exams/start-form";
import { LocalTime } from "@/components/ui/local-time";
import { startExamAction, submitExamAction } from "./actions";

type Props = { params: Promise<{ nn: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("exams");
  return { title: await phasePageTitle((await params).nn, t("metaSection"), await getLocale()) };
}

export default async function ExamPage({ params }: Props) {
  const user = await requireStudent();
  const locale = await getLocale();
  const number = parsePhaseNumber((await params).nn);
  const now = new Date();
  // The sheet first: opening an exam with nothing to spend starts its attempt, which the overview then counts.
  const sheet = number === null ? null : await loadExamSheet(user, number, now, locale);
  const overview = number === null ? null : await examOverview(user, number, now, locale);
  if (!overview) notFound();
  const { phase, state } = overview;
  const nn = formatPhaseNumber(phase.number);
  const attempts = await listAttempts(user, phase.id);
  const t = await getTranslations("exams");
  const best = attempts.reduce<number | null>((b, a) => (b === null || a.score > b ? a.score : b), null);
  return (
    <>
      <PageHeader
        title={t.rich("title", { title: phase.title, course: courseTag(foreignLang(phase.lang, locale)) })}
        description={t("description", {
          count: overview.questionCount,
          passMark: percent(phase.passMark, locale),
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
      <UntranslatedNote show={hasForeignText([phase, ...(sheet?.questions ?? [])], locale)} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {sheet?.questions.length ? (
            <ExamForm
              phase={nn}
              startToken={sheet.startToken}
              remainingMs={sheet.deadline ? Math.max(0, sheet.deadline.getTime() - now.getTime()) : null}
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
          ) : !overview.questionCount ? (
            <Notice>{t("noQuestions")}</Notice>
          ) : state.refusal === "notYetOpen" && state.settings.opensAt ? (
            <Notice>{t.rich("start.notYetOpen", { time: () => <LocalTime value={state.settings.opensAt!} /> })}</Notice>
          ) : state.refusal === "closed" ? (
            <Notice>{t("start.closed")}</Notice>
          ) : state.refusal === "noAttemptsLeft" ? (
            <Notice>{t("start.noAttemptsLeft")}</Notice>
          ) : (
            <Card className="space-y-3">
              <h2 className="font-semibold">{t("start.title")}</h2>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {state.settings.timeLimitMinutes ? t("start.timedHint") : t("start.hint")}
              </p>
              <StartExamForm phase={nn} start={startExamAction} attempt={state.used + 1} />
            </Card>
          )}
        </div>
        <Card className="h-fit space-y-4">
          <div>
            <h2 className="font-semibold">{t("rules.title")}</h2>
            <div className="mt-2">
              <ExamRules state={state} timeMultiplier={overview.timeMultiplier} />
            </div>
          </div>
          <div>
            <h2 className="font-semibold">{t("yourAttempts")}</h2>
            {best !== null ? (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {t("bestScore", { score: percent(best, locale) })}
              </p>
            ) : null}
            <div className="mt-3">
              <AttemptHistory attempts={attempts} phase={nn} />
            </div>
          </div>
        </Card>
      </div>
    </>
  );
}
