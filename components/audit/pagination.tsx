import Link from "@/components/ui/link";
import { getTranslations } from "next-intl/server";
import type { AuditFilters } from "@/lib/audit/queries";

/** The audit page for these filters (and page), as a link. */
export function auditHref(filters: AuditFilters, page = 1): string {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "target", "from", "to", "views"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}

const link =
  "rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800";

export async function AuditPagination({
  filters,
  page,
  pages,
  total,
}: {
  filters: AuditFilters;
  page: number;
  pages: number;
  total: number;
}) {
  const t = await getTranslations("audit");
  return (
    <nav aria-label={t("pagination.label")} className="mt-4 flex items-center justify-between text-sm">
      <p className="text-slate-500 dark:text-slate-400">{t("pagination.summary", { total, page, pages })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={auditHref(filters, page - 1)} rel="prev">
            {t("pagination.newer")}
          </Link>
        ) : null}
        {page < pages ? (
          <Link className={link} href={auditHref(filters, page + 1)} rel="next">
            {t("pagination.older")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
