import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { courseTag, UntranslatedNote } from "@/components/content/course-text";
import { GradebookFilters } from "@/components/gradebook/gradebook-filters";
import { GradebookTable } from "@/components/gradebook/gradebook-table";
import { Card, PageHeader } from "@/components/ui/primitives";
import { loadGradebook } from "@/lib/admin/gradebook";
import { filterAndSort, parseGradebookQuery } from "@/lib/admin/gradebook-view";
import { requireAdmin } from "@/lib/auth/guards";
import { foreignLang, hasForeignText } from "@/lib/content/localize";
import { currentRequestId } from "@/lib/observability/request-context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("gradebook.title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GradebookPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const query = parseGradebookQuery(await searchParams);
  const locale = await getLocale();
  const book = await loadGradebook(admin, { requestId: await currentRequestId(), audit: "gradebook.viewed", locale });
  const rows = filterAndSort(book.rows, query);
  const t = await getTranslations("admin");
  return (
    <>
      <PageHeader
        title={t("gradebook.title")}
        description={t("gradebook.description", { count: book.rows.length, phases: book.phases.length })}
      />
      <Card className="mb-4">
        <GradebookFilters query={query} phases={book.phases} />
        <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="gradebook-count">
            {t("gradebook.showing", { shown: rows.length, count: book.rows.length })}
          </p>
          {/* A plain link: a <Link> would be prefetched, building (and auditing) a download nobody asked for. */}
          <a
            href="/admin/gradebook/export"
            download
            className="inline-flex items-center rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {t("gradebook.download")}
          </a>
        </div>
      </Card>
      <Card className="@container mb-6">
        <GradebookTable book={book} rows={rows} query={query} />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold">{t("gradebook.statsHeading")}</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{t("gradebook.statsIntro")}</p>
        <UntranslatedNote show={hasForeignText(book.phases, locale)} />
        <ul className="grid gap-1 sm:grid-cols-2">
          {book.phases.map((p) => (
            <li key={p.number}>
              <Link
                href={`/admin/gradebook/exams/${String(p.number).padStart(2, "0")}`}
                className="inline-flex min-h-6 items-center text-brand-700 underline dark:text-brand-100"
              >
                {/* One span: a flex container would drop the space before the title's own span. */}
                <span>
                  {t.rich("gradebook.statsLink", {
                    number: p.number,
                    title: p.title,
                    course: courseTag(foreignLang(p.lang, locale)),
                  })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
