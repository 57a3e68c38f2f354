import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import { SuspendButton } from "@/components/review/suspend-button";
import { requireStudent } from "@/lib/auth/guards";
import { browseCards } from "@/lib/review/card-browser";
import { CARD_SORTS, CARD_STATES, type CardSort, type CardState } from "@/lib/review/card-state";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { UntranslatedNote } from "@/components/content/course-text";
import { suspendAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("review.cards");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const STATE_LABELS = {
  new: "states.new",
  learning: "states.learning",
  due: "states.due",
  overdue: "states.overdue",
  suspended: "states.suspended",
  review: "states.review",
} as const;
const SORT_LABELS = { due: "sorts.due", difficulty: "sorts.difficulty", lapses: "sorts.lapses" } as const;
const TONE = {
  new: "green",
  learning: "amber",
  due: "brand",
  overdue: "red",
  suspended: "slate",
  review: "slate",
} as const;

/** Markdown reduced to one line of plain text for the list. */
const plain = (md: string) =>
  md
    .replace(/```[\s\S]*?```/g, "…")
    .replace(/[*_`#>]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 140);

export default async function CardsPage({ searchParams }: Props) {
  const user = await requireStudent();
  const params = await searchParams;
  const q = one(params.q)?.slice(0, 100) ?? "";
  const phaseRaw = Number(one(params.phase));
  const phase = Number.isInteger(phaseRaw) && phaseRaw > 0 ? phaseRaw : undefined;
  const state = CARD_STATES.includes(one(params.state) as CardState) ? (one(params.state) as CardState) : undefined;
  const sort = CARD_SORTS.includes(one(params.sort) as CardSort) ? (one(params.sort) as CardSort) : "due";
  const [t, locale] = await Promise.all([getTranslations("review.cards"), getLocale()]);
  const { rows, total, phases } = await browseCards(user, { q, phase, state, sort }, locale);
  const select =
    "rounded-lg border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-950";
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { shown: rows.length, total })} />
      <UntranslatedNote show={hasForeignText(rows, locale)} />
      <form method="get" className="mb-6 grid gap-3 sm:grid-cols-5" role="search">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium">
            {t("search")}
          </label>
          <input id="q" name="q" type="search" defaultValue={q} className={`${select} w-full`} />
        </div>
        <div>
          <label htmlFor="phase" className="block text-sm font-medium">
            {t("phase")}
          </label>
          <select id="phase" name="phase" defaultValue={phase ?? ""} className={`${select} w-full`}>
            <option value="">{t("all")}</option>
            {phases.map((n) => (
              <option key={n} value={n}>
                {formatPhaseNumber(n)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="state" className="block text-sm font-medium">
            {t("state")}
          </label>
          <select id="state" name="state" defaultValue={state ?? ""} className={`${select} w-full`}>
            <option value="">{t("all")}</option>
            {CARD_STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort" className="block text-sm font-medium">
            {t("sort")}
          </label>
          <select id="sort" name="sort" defaultValue={sort} className={`${select} w-full`}>
            {CARD_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-5">
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("apply")}
          </button>
        </div>
      </form>
      {rows.length ? (
        <ul className="space-y-3" data-testid="card-list">
          {rows.map((r) => (
            <li key={r.id}>
              <Card data-testid="card-row" data-card-id={r.id} data-state={r.state}>
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  <Badge tone="brand">{t("phaseBadge", { nn: formatPhaseNumber(r.phaseNumber) })}</Badge>
                  <Badge tone={TONE[r.state]}>{t(STATE_LABELS[r.state])}</Badge>
                  {r.dueAt ? (
                    <span className="text-slate-600 dark:text-slate-400">
                      {t.rich("dueOn", { time: () => <LocalTime value={r.dueAt!} /> })}
                    </span>
                  ) : null}
                  {r.difficulty !== null ? (
                    <span className="text-slate-600 dark:text-slate-400">
                      {t("difficulty", { value: r.difficulty.toFixed(1) })}
                    </span>
                  ) : null}
                  <span className="text-slate-600 dark:text-slate-400">{t("lapses", { count: r.lapses })}</span>
                </div>
                <p className="mt-2 font-medium break-words" lang={foreignLang(r.lang, locale)}>
                  {plain(r.front)}
                </p>
                <p
                  className="mt-1 text-sm break-words text-slate-600 dark:text-slate-400"
                  lang={foreignLang(r.lang, locale)}
                >
                  {plain(r.back)}
                </p>
                <div className="mt-3 flex flex-wrap items-center gap-3">
                  <SuspendButton cardId={r.id} suspended={r.state === "suspended"} save={suspendAction} />
                  <Link className="text-sm text-brand-600 underline dark:text-brand-100" href={`/review/cards/${r.id}`}>
                    {t("history")}
                  </Link>
                </div>
              </Card>
            </li>
          ))}
        </ul>
      ) : (
        <Card>
          <p>{t("none")}</p>
        </Card>
      )}
    </>
  );
}
