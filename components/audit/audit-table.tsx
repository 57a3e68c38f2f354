// The audit rows: time (the viewer's zone), action, actor, target, request id and details.
import { getTranslations } from "next-intl/server";
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

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return "";
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
}

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
    <table className="stack-table w-full text-sm">
      <caption className="sr-only">{t("table.caption")}</caption>
      <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-600 dark:text-slate-400 dark:border-slate-800">
        <tr>
          {Object.values(col).map((name) => (
            <th key={name} scope="col" className="px-4 py-3">
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
              <td data-label={col.time} className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                <LocalTime value={r.at} seconds />
              </td>
              <td data-label={col.action} className="px-4 py-2">
                <Badge tone={tone(r.action)}>{r.action}</Badge>
                {describe(r.action) ? (
                  <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{describe(r.action)}</span>
                ) : null}
              </td>
              <td data-label={col.actor} className="px-4 py-2">
                {r.actor ? (
                  <bdi>{r.actor.label}</bdi>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">{t("table.system")}</span>
                )}
              </td>
              <td data-label={col.target} className="px-4 py-2">
                {r.target ? (
                  <bdi title={r.target.id}>
                    {r.target.label ?? `${r.target.type ?? "id"} ${r.target.id.slice(0, 12)}`}
                  </bdi>
                ) : (
                  <span className="text-slate-500 dark:text-slate-400">–</span>
                )}
              </td>
              <td
                data-label={col.request}
                className="px-4 py-2 font-mono text-xs text-slate-600 dark:text-slate-400"
                title={r.requestId ?? undefined}
              >
                {r.requestId ? r.requestId.slice(0, 8) : "–"}
              </td>
              <td
                data-label={col.details}
                className="max-w-xs [overflow-wrap:anywhere] px-4 py-2 font-mono text-xs text-slate-600 dark:text-slate-400"
              >
                {detailText(r.detail)}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
