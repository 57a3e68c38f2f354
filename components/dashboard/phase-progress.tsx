// Per phase: journal written, cards learned, best exam score. Students get links;
// admins see the same figures without them (and never any journal text).
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { PhaseDates } from "@/components/content/phase-dates";
import { Badge, Card } from "@/components/ui/primitives";
import type { PhaseProgress } from "@/lib/dashboard/progress";
import { percent } from "@/lib/dashboard/format";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { foreignLang } from "@/lib/content/localize";

export function PhaseProgressList({ phases, links }: { phases: PhaseProgress[]; links: boolean }) {
  const t = useTranslations("dashboard.phases");
  const locale = useLocale();
  return (
    <ol className="grid gap-4 sm:grid-cols-2" aria-label={t("label")}>
      {phases.map((p) => {
        const learned = p.cardCount ? Math.round((p.cardsLearned / p.cardCount) * 100) : 0;
        return (
          <li key={p.number} data-testid={`phase-progress-${formatPhaseNumber(p.number)}`}>
            <Card className="h-full">
              <p className="eyebrow">{t("phase", { nn: formatPhaseNumber(p.number) })}</p>
              <h3 className="mt-1 font-semibold" lang={foreignLang(p.lang, locale)}>
                {links ? (
                  <Link href={`/phase/${formatPhaseNumber(p.number)}`} className="inline-block min-h-6 hover:underline">
                    {p.title}
                  </Link>
                ) : (
                  p.title
                )}
              </h3>
              <PhaseDates schedule={p.schedule} className="mt-1" />
              <dl className="mt-3 grid grid-cols-3 gap-2 text-xs">
                <div>
                  <dt className="muted">{t("journal")}</dt>
                  <dd className="mt-0.5 font-medium">{p.journalWritten ? t("written") : t("notYet")}</dd>
                </div>
                <div>
                  <dt className="muted">{t("cardsLearned")}</dt>
                  <dd className="mt-0.5 font-medium tabular-nums">
                    {p.cardsLearned}/{p.cardCount}
                  </dd>
                </div>
                <div>
                  <dt className="muted">{t("bestExam")}</dt>
                  <dd className="mt-0.5 font-medium tabular-nums" data-testid="best-score">
                    {p.bestScore === null ? "—" : percent(p.bestScore, locale)}
                    {p.bestScore !== null ? (
                      <span className="ml-1">
                        <Badge tone={p.passed ? "green" : "amber"}>{p.passed ? t("passed") : t("belowPass")}</Badge>
                      </span>
                    ) : null}
                  </dd>
                </div>
              </dl>
              <div className="mt-3 track" aria-hidden>
                <div className="h-full bg-emerald-500" style={{ width: `${learned}%` }} />
              </div>
            </Card>
          </li>
        );
      })}
    </ol>
  );
}
