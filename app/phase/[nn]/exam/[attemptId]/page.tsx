import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { AttemptQuestions } from "@/components/exams/attempt-result";
import { Badge, Card, Notice, PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { parsePhaseNumber } from "@/lib/content/phases";
import { LocalTime } from "@/components/ui/local-time";
import { formatDuration, percent } from "@/lib/dashboard/format";
import { getAttemptResult } from "@/lib/exams/attempts";
import { formatPhaseNumber } from "@/lib/content/phase-number";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("exams");
  return { title: t("result.metaTitle") };
}

// Why the correct answers are not shown (after-each always shows them). Literal keys for the catalogue check.
const HIDDEN = {
  never: "result.answersHidden.never",
  "after-last-attempt": "result.answersHidden.after-last-attempt",
  "after-close": "result.answersHidden.after-close",
} as const;

type Props = { params: Promise<{ nn: string; attemptId: string }> };

export default async function AttemptPage({ params }: Props) {
  const user = await requireStudent();
  const locale = await getLocale();
  const { nn, attemptId } = await params;
  const number = parsePhaseNumber(nn);
  const valid = number !== null && /^[A-Za-z0-9-]{1,64}$/.test(attemptId);
  const result = valid ? await getAttemptResult(user, number, attemptId, locale) : null;
  if (!result) notFound();
  const phase = formatPhaseNumber(result.phase.number);
  const t = await getTranslations("exams");
  return (
    <>
      <PageHeader
        title={t.rich("result.title", {
          title: result.phase.title,
          course: courseTag(foreignLang(result.phase.lang, locale)),
        })}
        description={t.rich("result.submitted", {
          time: () => <LocalTime value={result.submittedAt} />,
          duration: formatDuration(result.durationSeconds, locale),
        })}
        actions={
          <div className="flex gap-2 text-sm">
            <Link
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href={`/phase/${phase}/exam`}
            >
              {t("result.tryAgain")}
            </Link>
            <Link className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700" href="/me">
              {t("result.dashboard")}
            </Link>
          </div>
        }
      />
      <UntranslatedNote show={hasForeignText([result.phase, ...result.questions], locale)} />
      <Card className="mb-6 flex flex-wrap items-center gap-6" data-testid="exam-result">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("result.score")}</p>
          <p className="text-3xl font-semibold tabular-nums">{percent(result.score, locale)}</p>
        </div>
        <div className="text-sm">
          <p>
            {t("result.correctOf", {
              correct: result.correctCount,
              total: result.total,
              passMark: percent(result.phase.passMark, locale),
            })}
          </p>
          <p className="mt-1">
            <Badge tone={result.passed ? "green" : "red"}>
              {result.passed ? t("result.passed") : t("result.notPassed")}
            </Badge>
          </p>
        </div>
      </Card>
      {result.unreadable ? (
        <Notice tone="error">{t("result.unreadable")}</Notice>
      ) : (
        <>
          {!result.answersShown && result.showAnswers !== "after-each" ? (
            <div className="mb-4" data-testid="answers-hidden">
              <Notice>{t(HIDDEN[result.showAnswers])}</Notice>
            </div>
          ) : null}
          <AttemptQuestions questions={result.questions} />
        </>
      )}
    </>
  );
}
