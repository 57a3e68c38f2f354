import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { Markdown } from "@/components/content/markdown";
import { OfflineCapableReview } from "@/components/offline/offline-review";
import { DueSummary } from "@/components/review/due-summary";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { parsePhaseNumber } from "@/lib/content/phases";
import { offlineDeck } from "@/lib/offline/deck";
import { loadReviewSession } from "@/lib/review/queue";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { gradeCardAction, undoGradeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review");
  return { title: t("meta.title") };
}

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
  const locale = await getLocale();
  const session = await loadReviewSession(user, { phaseNumber, locale });
  if (!session) notFound();
  // The device keeps the whole review's deck for offline use; a one-phase page leaves it as it is.
  const deck = session.phase ? null : await offlineDeck(user, session, locale);
  const nn = session.phase ? formatPhaseNumber(session.phase.number) : null;
  const t = await getTranslations("review");
  const cards = session.cards.map(({ lang, phaseLang, ...c }) => ({
    ...c,
    front: <Markdown source={c.front} course lang={foreignLang(lang, locale)} />,
    back: <Markdown source={c.back} course lang={foreignLang(lang, locale)} />,
    phaseTitleLang: foreignLang(phaseLang, locale),
  }));
  return (
    <>
      <PageHeader
        title={
          session.phase
            ? t.rich("titlePhase", {
                title: session.phase.title,
                course: courseTag(foreignLang(session.phase.lang, locale)),
              })
            : t("title")
        }
        description={
          <>
            {nn !== null
              ? t.rich("duePhase", { nn, due: () => <DueSummary due={session.due} /> })
              : t.rich("dueAll", { due: () => <DueSummary due={session.due} /> })}
            {session.phase ? (
              <>
                {" "}
                <Link className="text-brand-600 underline dark:text-brand-100" href="/review">
                  {t("reviewAll")}
                </Link>
              </>
            ) : null}
          </>
        }
      />
      <UntranslatedNote
        show={hasForeignText(
          [...(session.phase ? [session.phase] : []), ...session.cards.flatMap((c) => [c, { lang: c.phaseLang }])],
          locale,
        )}
      />
      {session.newCards.held > 0 ? (
        <p className="mb-4 text-sm soft" data-testid="new-card-limit">
          {t.rich("newLimit", {
            held: session.newCards.held,
            limit: session.newCards.limit,
            today: session.newCards.introducedToday,
            link: (chunks) => (
              <Link className="text-brand-600 underline dark:text-brand-100" href="/account">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      <p className="mb-4 text-sm">
        <Link
          className="inline-flex min-h-6 items-center text-brand-600 underline dark:text-brand-100"
          href="/review/cards"
        >
          {t("cardsLink")}
        </Link>
      </p>
      {session.reviewsHeld > 0 ? (
        <p className="mb-4 text-sm soft" data-testid="review-limit">
          {t.rich("reviewsHeld", {
            held: session.reviewsHeld,
            limit: session.newCards.reviewLimit,
            link: (chunks) => (
              <Link className="text-brand-600 underline dark:text-brand-100" href="/account">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      <OfflineCapableReview
        mode="online"
        ownerId={user.id}
        deck={deck}
        scheduler={session.scheduler}
        initialCards={cards}
        nextDueAt={session.nextDueAt?.toISOString() ?? null}
        gradeCard={gradeCardAction}
        undoGrade={undoGradeAction}
      />
    </>
  );
}
