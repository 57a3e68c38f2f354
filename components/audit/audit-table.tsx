// The audit rows: time (the viewer's zone), action, actor, target, request id and details.
// Six columns fit a card of 56rem (the page's is 62rem at 1280 px): fixed column widths,
// long values wrap inside their cell. A narrower card (`@container` on the page) shows
// each row as a card instead (stacked-rows in app/globals.css), so nothing is cut off at
// any screen width.
import { getTranslations } from "next-intl/server";
import { formatPhaseNumber } from "@/lib/content/phase-number";
import { Badge } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import type { AuditRow } from "@/lib/audit/queries";
import { getActionDescriber } from "./action-labels";

function tone(action: string): "red" | "amber" | "green" | "brand" | "slate" {
  if (/failed|deactivated/.test(action)) return "red";
  if (/viewed/.test(action)) return "brand";
  if (/issued|redeemed|succeeded|reactivated/.test(action)) return "green";
  if (/logout|password/.test(action)) return "amber";
  return "slate";
}

/** One `key=value` per detail, each on a line of its own (a long id wraps, the others stay whole). */
function detailPairs(detail: Record<string, unknown> | null): string[] {
  if (!detail) return [];
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
}

// Column widths in table layout: time, action and request id have known lengths; actor and
// target (a name or an address, wrapping to two lines) get fixed widths too, so details get
// the rest: shared three ways, a 38-character detail wrapped to three lines at 1280 px.
// Stacked, every cell takes the card's width.
const WIDTH = { time: "w-36", action: "w-48", actor: "w-36", target: "w-40", request: "w-24", details: "" };
const cell = "px-3 py-2 [overflow-wrap:anywhere]";

export async function AuditTable({ rows }: { rows: AuditRow[] }) {
  const [t, describe] = await Promise.all([getTranslations("audit"), getActionDescriber()]);
  const col = {
    time: t("table.columns.time"),
    action: t("table.columns.action"),
    actor: t("table.columns.actor"),
    target: t("table.columns.target"),
    request: t("table.columns.request"),
    details: t("table.columns.details"),
  };
  return (
    <table className="w-full table-fixed text-sm @max-4xl:stacked-rows">
      <caption className="sr-only">{t("table.caption")}</caption>
      <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-800">
        <tr>
          {Object.entries(col).map(([key, name]) => (
            <th key={key} scope="col" className={`px-3 py-3 ${WIDTH[key as keyof typeof WIDTH]}`}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={6} className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">
              {t("table.empty")}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr
              key={r.id}
              className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800"
              data-testid="audit-row"
            >
              <td data-label={col.time} className={`${cell} font-mono text-xs`}>
                <LocalTime value={r.at} seconds />
              </td>
              <td data-label={col.action} className={cell}>
                <Badge tone={tone(r.action)}>{r.action}</Badge>
                {describe(r.action) ? (
                  <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{describe(r.action)}</span>
                ) : null}
              </td>
              <td data-label={col.actor} className={cell}>
                {r.actor ? (
                  <bdi>{r.actor.label}</bdi>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">{t("table.system")}</span>
                )}
              </td>
              <td data-label={col.target} className={cell}>
                {r.target ? (
                  <bdi title={r.target.id}>
                    {r.target.label ??
                      (r.target.phaseNumber !== null
                        ? t("table.phaseTarget", { nn: formatPhaseNumber(r.target.phaseNumber) })
                        : `${r.target.type ?? "id"} ${r.target.id.slice(0, 12)}`)}
                  </bdi>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">–</span>
                )}
              </td>
              <td
                data-label={col.request}
                className={`${cell} font-mono text-xs text-slate-600 dark:text-slate-400`}
                title={r.requestId ?? undefined}
              >
                {r.requestId ? r.requestId.slice(0, 8) : "–"}
              </td>
              <td data-label={col.details} className={`${cell} font-mono text-xs text-slate-600 dark:text-slate-400`}>
                {detailPairs(r.detail).map((pair) => (
                  <span key={pair} className="block @max-4xl:inline @max-4xl:after:content-['_']">
                    {pair}
                  </span>
                ))}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
