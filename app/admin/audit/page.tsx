import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { AuditFilterForm } from "@/components/audit/audit-filters";
import { AuditPagination, auditHref } from "@/components/audit/pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { Card, Notice, PageHeader } from "@/components/ui/primitives";
import { listAuditEvents, parseAuditFilters } from "@/lib/audit/queries";
import { requireAdmin } from "@/lib/auth/guards";
import { currentRequestId } from "@/lib/observability/request-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireAdmin();
  const [t, format, locale] = await Promise.all([getTranslations("audit"), getFormatter(), getLocale()]);
  const { filters, problems, notes } = parseAuditFilters(await searchParams, locale);
  const result = await listAuditEvents(admin, filters, await currentRequestId());
  const hiddenViews = result.hiddenViews.reduce((sum, v) => sum + v.count, 0);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-4">
        {/* Keyed by the filters: a link to other filters (e.g. "Show page views") must not keep stale inputs. */}
        <AuditFilterForm key={JSON.stringify(filters)} filters={filters} actions={result.actions} />
      </Card>
      {problems.length ? (
        <div className="mb-4">
          <Notice tone="error">{t("problems", { list: problems.join("; ") })}</Notice>
        </div>
      ) : null}
      {notes.map((note) => (
        <div key={note} className="mb-4" data-testid="audit-note">
          <Notice>{note}</Notice>
        </div>
      ))}
      {hiddenViews > 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400" data-testid="hidden-views">
          {t("hiddenViews", {
            count: hiddenViews,
            list: result.hiddenViews.map((v) => `${v.action} ${format.number(v.count)}`).join(", "),
          })}{" "}
          <Link
            className="text-brand-600 underline dark:text-brand-100"
            href={auditHref({ ...filters, views: "show" })}
          >
            {t("showViews")}
          </Link>
        </p>
      ) : null}
      {/* A container: the table fits its columns to this card, or shows one card per row when it is narrow. */}
      <Card className="@container" role="region" aria-label={t("eventsRegion")}>
        <AuditTable rows={result.rows} />
      </Card>
      <AuditPagination filters={filters} page={result.page} pages={result.pages} total={result.total} />
    </>
  );
}
