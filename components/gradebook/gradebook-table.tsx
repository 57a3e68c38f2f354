// The gradebook's table: one row per student; the phase columns show the chosen
// phase or the totals over all phases. Column headers are sort links (aria-sort
// on the sorted one). Inside a container card it turns into one card per student
// when narrow, as the roster does, so it reads at 390 px without sideways scrolling.
import { getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { LocalTime } from "@/components/ui/local-time";
import { Badge } from "@/components/ui/primitives";
import type { Gradebook, GradebookRow, PhaseCells } from "@/lib/admin/gradebook";
import { riskReason } from "@/lib/admin/gradebook-text";
import type { GradebookQuery, SortKey } from "@/lib/admin/gradebook-view";
import { displayEmail } from "@/lib/auth/email";

type T = Awaited<ReturnType<typeof getTranslations<"admin">>>;
const statusTone = { active: "green", invited: "amber", disabled: "red" } as const;
const muted = "text-slate-600 dark:text-slate-400";

function sortHref(query: GradebookQuery, sort: SortKey): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.risk) params.set("risk", "1");
  if (query.phase !== undefined) params.set("phase", String(query.phase));
  params.set("sort", sort);
  params.set("dir", query.sort === sort && query.dir === "asc" ? "desc" : "asc");
  return `/admin/gradebook?${params}`;
}

function words(t: T, count: number | null): string {
  return count === null ? t("gradebook.wordsUnknown") : t("gradebook.words", { count });
}

function PhaseColumns({ t, row, cell, phases }: { t: T; row: GradebookRow; cell?: PhaseCells; phases: number }) {
  const journal = cell ? (
    <>
      {t("gradebook.journalPhase", { saves: cell.journal.saves, words: words(t, cell.journal.words) })}
      {cell.journal.updatedAt ? (
        <span className={`block ${muted}`}>
          {t.rich("gradebook.edited", { date: () => <LocalTime value={cell.journal.updatedAt!} /> })}
        </span>
      ) : null}
    </>
  ) : (
    t("gradebook.journalTotals", { entries: row.totals.entries, phases, words: words(t, row.totals.words) })
  );
  const c = cell?.cards;
  const retention = c ? c.retention : row.totals.retention;
  const cards = (
    <>
      {c ? (
        <span className="block">{t("gradebook.cardsReviewed", { reviewed: c.reviewed, total: c.total })}</span>
      ) : null}
      <span className="block">
        {t("gradebook.cardsDue", { due: c?.dueNow ?? row.totals.dueNow, overdue: c?.overdue ?? row.totals.overdue })}
      </span>
      <span className={`block ${muted}`}>
        {retention === null ? t("gradebook.noRetention") : t("gradebook.retention", { share: retention })}
      </span>
    </>
  );
  const e = cell?.exam;
  const exam = !e ? (
    t("gradebook.examTotals", { passed: row.totals.examsPassed, phases, attempts: row.totals.attempts })
  ) : e.attempts === 0 ? (
    <span className={muted}>{t("gradebook.examNone")}</span>
  ) : (
    <>
      <span className="block">{t("gradebook.examPhase", { best: e.best ?? 0, attempts: e.attempts })}</span>
      <Badge tone={e.passed ? "green" : "amber"}>{e.passed ? t("gradebook.passed") : t("gradebook.notPassed")}</Badge>
    </>
  );
  return (
    <>
      <td data-label={t("gradebook.columns.journal")} className="px-3 py-3">
        {journal}
      </td>
      <td data-label={t("gradebook.columns.cards")} className="px-3 py-3">
        {cards}
      </td>
      <td data-label={t("gradebook.columns.exam")} className="px-3 py-3">
        {exam}
      </td>
    </>
  );
}

export async function GradebookTable({
  book,
  rows,
  query,
}: {
  book: Gradebook;
  rows: GradebookRow[];
  query: GradebookQuery;
}) {
  const t = await getTranslations("admin");
  const all = await getTranslations();
  const reason = (f: GradebookRow["risks"][number]) => {
    const { key, values } = riskReason(f);
    return all(key, values);
  };
  const phase = query.phase === undefined ? undefined : book.phases.find((p) => p.number === query.phase);
  const caption = t("gradebook.caption", {
    scope: phase ? t("gradebook.scopePhase", { number: phase.number }) : t("gradebook.scopeAll"),
  });
  const header = (key: SortKey, label: string) => (
    <th
      className="px-3 py-3"
      aria-sort={query.sort === key ? (query.dir === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link href={sortHref(query, key)} className="inline-flex min-h-6 items-center hover:underline">
        {label}
        {query.sort === key ? <span aria-hidden>{query.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
  return (
    <>
      {/* Shown above the table: a caption is squeezed into one narrow column when rows stack. */}
      <p className="px-4 pt-3 pb-1 text-sm text-slate-600 dark:text-slate-400" aria-hidden>
        {caption}
      </p>
      <table className="w-full text-sm @max-3xl:stacked-rows">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            {header("name", t("gradebook.columns.student"))}
            {header("status", t("gradebook.columns.status"))}
            {header("activity", t("gradebook.columns.activity"))}
            {header("risk", t("gradebook.columns.risk"))}
            {header("words", t("gradebook.columns.journal"))}
            {header("overdue", t("gradebook.columns.cards"))}
            {header("best", t("gradebook.columns.exam"))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="px-4 py-6 text-center text-slate-600 dark:text-slate-400">
                {t("gradebook.empty")}
              </td>
            </tr>
          ) : (
            rows.map((r) => (
              <tr
                key={r.id}
                className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
                data-testid={`gradebook-${r.email}`}
              >
                <td data-label={t("gradebook.columns.student")} className="px-3 py-3">
                  <Link
                    className="inline-flex min-h-6 items-center font-medium hover:underline"
                    href={`/admin/students/${r.id}`}
                    dir="auto"
                  >
                    {r.name}
                  </Link>
                  <span className={`block break-all ${muted}`}>{displayEmail(r.email)}</span>
                </td>
                <td data-label={t("gradebook.columns.status")} className="px-3 py-3">
                  <Badge tone={statusTone[r.status as keyof typeof statusTone] ?? "slate"}>
                    {r.status in statusTone ? t(`students.status.${r.status as keyof typeof statusTone}`) : r.status}
                  </Badge>
                </td>
                <td data-label={t("gradebook.columns.activity")} className={`px-3 py-3 ${muted}`}>
                  {r.lastActivityAt ? <LocalTime value={r.lastActivityAt} /> : t("gradebook.never")}
                </td>
                <td data-label={t("gradebook.columns.risk")} className="px-3 py-3" data-testid="risk">
                  {r.risks.length ? (
                    <ul className="space-y-1">
                      {r.risks.map((f, i) => (
                        <li key={i} className="font-medium text-red-700 dark:text-red-300">
                          {reason(f)}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className={muted}>{t("gradebook.noRisk")}</span>
                  )}
                </td>
                <PhaseColumns
                  t={t}
                  row={r}
                  cell={phase ? r.phases.find((p) => p.number === phase.number) : undefined}
                  phases={book.phases.length}
                />
              </tr>
            ))
          )}
        </tbody>
      </table>
    </>
  );
}
