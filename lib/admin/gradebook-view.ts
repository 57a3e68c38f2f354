// Filtering and sorting the gradebook, pure: the page reads them from its query
// string (a plain GET form and header links, so they work without JavaScript and a
// filtered view can be bookmarked or shared with a co-teacher).
import { z } from "zod";
import type { GradebookRow } from "./gradebook";

export const SORT_KEYS = ["name", "status", "activity", "risk", "words", "overdue", "retention", "best"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const STATUSES = ["active", "invited", "disabled"] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const schema = z.object({
  q: z.preprocess(first, z.string().max(200).optional().catch(undefined)),
  status: z.preprocess(first, z.enum(STATUSES).optional().catch(undefined)),
  risk: z.preprocess(first, z.literal("1").optional().catch(undefined)),
  phase: z.preprocess(first, z.coerce.number().int().min(0).max(999).optional().catch(undefined)),
  sort: z.preprocess(first, z.enum(SORT_KEYS).catch("name").default("name")),
  dir: z.preprocess(first, z.enum(["asc", "desc"]).catch("asc").default("asc")),
});
export type GradebookQuery = z.infer<typeof schema>;

/** Whatever the query string holds: unknown or malformed values fall back to the defaults. */
export function parseGradebookQuery(params: Record<string, string | string[] | undefined>): GradebookQuery {
  return schema.parse(params);
}

/** The figure a sort key compares, for the selected phase (or the totals); null sorts last. */
function valueOf(row: GradebookRow, key: SortKey, phase: number | undefined): string | number | null {
  const cell = phase === undefined ? undefined : row.phases.find((p) => p.number === phase);
  switch (key) {
    case "name":
      return row.name.toLocaleLowerCase();
    case "status":
      return row.status;
    case "activity":
      return row.lastActivityAt?.getTime() ?? null;
    case "risk":
      return row.risks.length;
    case "words":
      return cell ? cell.journal.words : row.totals.words;
    case "overdue":
      return cell ? cell.cards.overdue : row.totals.overdue;
    case "retention":
      return cell ? cell.cards.retention : row.totals.retention;
    case "best":
      return cell ? cell.exam.best : row.totals.examsPassed;
  }
}

export function filterAndSort(rows: GradebookRow[], query: GradebookQuery): GradebookRow[] {
  const needle = query.q?.trim().toLocaleLowerCase();
  const kept = rows.filter(
    (r) =>
      (!needle || r.name.toLocaleLowerCase().includes(needle) || r.email.includes(needle)) &&
      (!query.status || r.status === query.status) &&
      (!query.risk || r.risks.length > 0),
  );
  const sign = query.dir === "desc" ? -1 : 1;
  const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
  return kept
    .map((row) => ({ row, value: valueOf(row, query.sort, query.phase) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return collator.compare(a.row.name, b.row.name);
        return a.value === null ? 1 : -1; // no figure: last in either order
      }
      const order =
        typeof a.value === "number" && typeof b.value === "number"
          ? a.value - b.value
          : collator.compare(String(a.value), String(b.value));
      return order * sign || collator.compare(a.row.name, b.row.name);
    })
    .map((x) => x.row);
}
