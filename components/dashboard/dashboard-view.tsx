// The dashboard body, shared by /me and /admin/students/[id].
import Link from "@/components/ui/link";
import { useLocale, useTranslations } from "next-intl";
import { UntranslatedNote } from "@/components/content/course-text";
import { Card } from "@/components/ui/primitives";
import { hasForeignText } from "@/lib/content/localize";
import type { Dashboard } from "@/lib/dashboard/progress";
import { activityRows, phaseRows } from "@/lib/dashboard/rows";
import { DueSummary } from "@/components/review/due-summary";
import { ForecastChart } from "./forecast-chart";
import { PhaseProgressList } from "./phase-progress";
import { RecentActivity } from "./recent-activity";
import { ReviewHeatmap } from "./review-heatmap";

function Stat({ label, value, children }: { label: string; value: number | string; children?: React.ReactNode }) {
  return (
    <Card>
      <p className="stat-label">{label}</p>
      <p className="stat-value">{value}</p>
      {children}
    </Card>
  );
}

export function DashboardView({ data, audience }: { data: Dashboard; audience: "student" | "admin" }) {
  const links = audience === "student";
  const passed = data.phases.filter((p) => p.passed).length;
  const learned = data.phases.reduce((s, p) => s + p.cardsLearned, 0);
  const cards = data.phases.reduce((s, p) => s + p.cardCount, 0);
  const t = useTranslations("dashboard");
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <section aria-label={t("summary.label")} className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label={t("summary.dueToday")} value={data.dueToday}>
          <p className="mt-1 text-xs muted">
            <DueSummary due={data.due} />
          </p>
          {links && data.dueToday > 0 ? (
            <Link href="/review" className="mt-2 inline-block text-sm text-link">
              {t("summary.startReviewing")}
            </Link>
          ) : null}
          {data.newCards ? (
            <p className="mt-1 text-xs muted">{t("summary.neverSeen", { count: data.newCards })}</p>
          ) : null}
        </Stat>
        <Stat label={t("summary.reviewedToday")} value={data.reviewsToday} />
        <Stat label={t("summary.cardsLearned")} value={t("summary.fraction", { done: learned, total: cards })} />
        <Stat
          label={t("summary.examsPassed")}
          value={t("summary.fraction", { done: passed, total: data.phases.length })}
        />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-semibold">{t("forecast.title")}</h2>
          <ForecastChart forecast={data.forecast} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">{t("heatmap.title")}</h2>
          <ReviewHeatmap days={data.heatmap} />
        </Card>
      </div>

      <section>
        <h2 className="mb-3 text-lg font-semibold">{t("phases.title")}</h2>
        <UntranslatedNote show={hasForeignText(data.phases, locale)} />
        <PhaseProgressList phases={phaseRows(data.phases, locale)} links={links} />
      </section>

      <Card>
        <h2 className="mb-3 font-semibold">{t("recent.title")}</h2>
        <RecentActivity items={activityRows(data.recent, locale)} links={links} />
      </Card>
    </div>
  );
}
