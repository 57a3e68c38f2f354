"use client";
// Per phase: journal written, cards learned, best exam score. Students get links;
// admins see the same figures without them (and never any journal text). A client
// component so that the RSC payload carries its rows (lib/dashboard/rows.ts), not the
// cards' markup a second time; it renders on the server all the same.
import Link from "@/components/ui/link";
import { useTranslations } from "next-intl";
import { PhaseDates } from "@/components/content/phase-dates";
import { Badge, Card } from "@/components/ui/primitives";
import type { PhaseRow } from "@/lib/dashboard/rows";

export function PhaseProgressList({ phases, links }: { phases: PhaseRow[]; links: boolean }) {
  const t = useTranslations("dashboard.phases");
  return (
    <ol className="grid gap-4 sm:grid-cols-2" aria-label={t("label")}>
      {phases.map((p) => {
        const learned = p.cards ? Math.round((p.learned / p.cards) * 100) : 0;
        return (
          <li key={p.nn} data-testid={`phase-progress-${p.nn}`}>
            <Card className="h-full">
              <p className="eyebrow">{t("phase", { nn: p.nn })}</p>
              <h3 className="mt-1 font-semibold" lang={p.lang}>
                {links ? (
                  <Link href={`/phase/${p.nn}`} className="inline-block min-h-6 hover:underline">
                    {p.title}
                  </Link>
                ) : (
                  p.title
                )}
              </h3>
              {p.schedule ? <PhaseDates schedule={p.schedule} className="mt-1" /> : null}
              <dl className="mt-3 figures">
                <div>
                  <dt>{t("journal")}</dt>
                  <dd>{p.journal ? t("written") : t("notYet")}</dd>
                </div>
                <div>
                  <dt>{t("cardsLearned")}</dt>
                  <dd>{`${p.learned}/${p.cards}`}</dd>
                </div>
                <div>
                  <dt>{t("bestExam")}</dt>
                  <dd data-testid="best-score">
                    {p.best ?? "—"}
                    {p.best ? (
                      <span className="ml-1">
                        <Badge tone={p.passed ? "green" : "amber"}>{p.passed ? t("passed") : t("belowPass")}</Badge>
                      </span>
                    ) : null}
                  </dd>
                </div>
              </dl>
              <div className="mt-3 meter" aria-hidden>
                <div style={{ width: `${learned}%` }} />
              </div>
            </Card>
          </li>
        );
      })}
    </ol>
  );
}
