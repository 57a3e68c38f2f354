import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Markdown } from "@/components/content/markdown";
import { Card, PageHeader } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import { requireStudent } from "@/lib/auth/guards";
import { foreignLang } from "@/lib/content/localize";
import { cardHistory } from "@/lib/review/card-browser";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review.cards");
  return { title: t("historyTitle") };
}

export default async function CardHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireStudent();
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const locale = await getLocale();
  const found = await cardHistory(user, id, locale);
  if (!found) notFound();
  const t = await getTranslations("review.cards");
  const tr = await getTranslations("review.fsrs.rating");
  const { card, logs, state } = found;
  return (
    <>
      <PageHeader
        title={t("historyTitle")}
        description={
          <Link className="text-brand-600 underline dark:text-brand-100" href="/review/cards">
            {t("back")}
          </Link>
        }
      />
      <Card className="mb-6">
        <div className="font-medium">
          <Markdown source={card.front} course lang={foreignLang(card.lang, locale)} />
        </div>
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <Markdown source={card.back} course lang={foreignLang(card.lang, locale)} />
        </div>
        {state?.stability != null ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="card-memory">
            {t("memory", {
              stability: state.stability.toFixed(1),
              difficulty: (state.difficulty ?? 0).toFixed(1),
              lapses: state.lapses,
            })}
          </p>
        ) : null}
      </Card>
      <Card>
        <h2 className="mb-3 font-semibold">{t("historyHeading")}</h2>
        {logs.length ? (
          <ol className="space-y-2 text-sm" data-testid="card-history">
            {logs.map((l) => (
              <li key={l.id} className="flex flex-wrap gap-x-3 border-b border-slate-100 pb-2 dark:border-slate-800">
                <LocalTime value={l.reviewedAt} />
                <span>
                  {t("logAnswer", {
                    grade: l.grade,
                    rating: tr(String(l.rating) as "1" | "2" | "3" | "4"),
                    scheduler: l.scheduler === "fsrs" ? "FSRS" : "SM-2",
                  })}
                </span>
                {l.redrill ? <span>{t("logRedrill")}</span> : <span>{t("logInterval", { days: l.intervalDays })}</span>}
                {l.undoneAt ? <span className="text-amber-700 dark:text-amber-300">{t("logUndone")}</span> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("noHistory")}</p>
        )}
      </Card>
    </>
  );
}
