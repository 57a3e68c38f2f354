import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { AttemptQuestions } from "@/components/exams/attempt-result";
import { Badge, Card, Notice, PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { parsePhaseNumber } from "@/lib/content/phases";
import { LocalTime } from "@/components/ui/local-time";
import { formatDuration, percent } from "@/lib/dashboard/format";
import { getAttemptResult } from "@/lib/exams/attempts";
import { formatPhaseNumber } from "@/lib/content/phase-number";

export const metadata: Metadata = { title: "Exam result" };

type Props = { params: Promise<{ nn: string; attemptId: string }> };

export default async function AttemptPage({ params }: Props) {
  const user = await requireStudent();
  const { nn, attemptId } = await params;
  const number = parsePhaseNumber(nn);
  const valid = number !== null && /^[A-Za-z0-9-]{1,64}$/.test(attemptId);
  const result = valid ? await getAttemptResult(user, number, attemptId, await getLocale()) : null;
  if (!result) notFound();
  const phase = formatPhaseNumber(result.phase.number);
  return (
    <>
      <PageHeader
        title={`Result · ${result.phase.title}`}
        description={
          <>
            Submitted <LocalTime value={result.submittedAt} /> · took {formatDuration(result.durationSeconds)}
          </>
        }
        actions={
          <div className="flex gap-2 text-sm">
            <Link
              className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700"
              href={`/phase/${phase}/exam`}
            >
              Try again
            </Link>
            <Link className="rounded-lg border border-slate-300 px-3 py-1.5 dark:border-slate-700" href="/me">
              Dashboard
            </Link>
          </div>
        }
      />
      <Card className="mb-6 flex flex-wrap items-center gap-6" data-testid="exam-result">
        <div>
          <p className="text-sm text-slate-600 dark:text-slate-400">Score</p>
          <p className="text-3xl font-semibold tabular-nums">{percent(result.score)}</p>
        </div>
        <div className="text-sm">
          <p>
            {result.correctCount} of {result.total} correct · pass mark {percent(result.phase.passMark)}
          </p>
          <p className="mt-1">
            <Badge tone={result.passed ? "green" : "red"}>{result.passed ? "Passed" : "Not passed"}</Badge>
          </p>
        </div>
      </Card>
      {result.unreadable ? (
        <Notice tone="error">The answers of this attempt cannot be decrypted, so only the score is shown.</Notice>
      ) : (
        <AttemptQuestions questions={result.questions} />
      )}
    </>
  );
}
