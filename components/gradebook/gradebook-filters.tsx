// The gradebook's filter and sort form: a plain GET form, so a view lives in the
// URL (bookmarkable, shareable) and works without JavaScript.
import { getTranslations } from "next-intl/server";
import { type GradebookQuery, SORT_KEYS, STATUSES } from "@/lib/admin/gradebook-view";

const input =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950";

type Phase = { number: number };
const SORT_LABEL = {
  name: "gradebook.sortKeys.name",
  status: "gradebook.sortKeys.status",
  activity: "gradebook.sortKeys.activity",
  risk: "gradebook.sortKeys.risk",
  words: "gradebook.sortKeys.words",
  overdue: "gradebook.sortKeys.overdue",
  retention: "gradebook.sortKeys.retention",
  best: "gradebook.sortKeys.best",
} as const;

export async function GradebookFilters({ query, phases }: { query: GradebookQuery; phases: Phase[] }) {
  const t = await getTranslations("admin");
  const select = (name: string, label: string, value: string, options: [string, string][]) => (
    <div className="space-y-1">
      <label htmlFor={`gb-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`gb-${name}`} name={name} defaultValue={value} className={input}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      method="get"
      action="/admin/gradebook"
      className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-3"
      aria-label={t("gradebook.filters")}
    >
      <div className="space-y-1">
        <label htmlFor="gb-q" className="block text-sm font-medium">
          {t("gradebook.search")}
        </label>
        <input id="gb-q" name="q" type="search" defaultValue={query.q ?? ""} className={input} />
      </div>
      {select("status", t("gradebook.status"), query.status ?? "", [
        ["", t("gradebook.statusAll")],
        ...STATUSES.map((s): [string, string] => [s, t(`students.status.${s}`)]),
      ])}
      {select("phase", t("gradebook.phase"), query.phase === undefined ? "" : String(query.phase), [
        ["", t("gradebook.phaseAll")],
        ...phases.map((p): [string, string] => [
          String(p.number),
          // The number only: a title may be English on a Spanish page, and an option cannot mark a part of it.
          t("gradebook.phaseOption", { number: p.number }),
        ]),
      ])}
      {select(
        "sort",
        t("gradebook.sort"),
        query.sort,
        SORT_KEYS.map((k) => [k, t(SORT_LABEL[k])]),
      )}
      {select("dir", t("gradebook.direction"), query.dir, [
        ["asc", t("gradebook.asc")],
        ["desc", t("gradebook.desc")],
      ])}
      <div className="flex items-end">
        <label className="flex min-h-10 items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="risk" value="1" defaultChecked={query.risk === "1"} className="h-5 w-5" />
          {t("gradebook.riskOnly")}
        </label>
      </div>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("gradebook.apply")}
        </button>
        <a
          href="/admin/gradebook"
          className="rounded-lg border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("gradebook.clear")}
        </a>
      </div>
    </form>
  );
}
