import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { Markdown } from "@/components/content/markdown";
import { ReviewSession } from "@/components/review/review-session";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { parsePhaseNumber } from "@/lib/content/phases";
import { loadReviewSession } from "@/lib/review/queue";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { gradeCardAction, undoGradeAction } from "./actions";

export const metadata: Metadata = { title: "Review" };

type Props = { searchParams: Promise<{ phase?: string | string[] }> };

export default async function ReviewPage({ searchParams }: Props) {
  const user = await requireStudent();
  const raw = (await searchParams).phase;
  let phaseNumber: number | undefined;
  if (raw !== undefined) {
    const parsed = typeof raw === "string" ? parsePhaseNumber(raw) : null;
    if (parsed === null) notFound();
    phaseNumber = parsed;
  }
  const session = await loadReviewSession(user, { phaseNumber, locale: await getLocale() });
  if (!session) notFound();
  const nn = session.phase ? formatPhaseNumber(session.phase.number) : null;
  const cards = session.cards.map((c) => ({
    ...c,
    front: <Markdown source={c.front} course />,
    back: <Markdown source={c.back} course />,
  }));
  return (
    <>
      <PageHeader
        title={session.phase ? `Review · ${session.phase.title}` : "Review"}
        description={
          <>
            {session.cards.length} card{session.cards.length === 1 ? "" : "s"} due{" "}
            {session.phase ? `in phase ${nn}` : "across all phases"}.
            {session.phase ? (
              <>
                {" "}
                <Link className="text-brand-600 underline dark:text-brand-100" href="/review">
                  Review all phases
                </Link>
              </>
            ) : null}
          </>
        }
      />
      {session.newCards.held > 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400" data-testid="new-card-limit">
          {session.newCards.held} new card{session.newCards.held === 1 ? " waits" : "s wait"} for another day: you take
          up to {session.newCards.limit} new card{session.newCards.limit === 1 ? "" : "s"} a day (
          {session.newCards.introducedToday} so far today).{" "}
          <Link className="text-brand-600 underline dark:text-brand-100" href="/account">
            Change the limit
          </Link>
        </p>
      ) : null}
      <ReviewSession
        initialCards={cards}
        nextDueAt={session.nextDueAt?.toISOString() ?? null}
        gradeCard={gradeCardAction}
        undoGrade={undoGradeAction}
      />
    </>
  );
}
