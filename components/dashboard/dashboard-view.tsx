// The dashboard body, shared by /me and /admin/students/[id].
import Link from "next/link";
import { Card } from "@/components/ui/primitives";
import type { Dashboard } from "@/lib/dashboard/progress";
import { ForecastChart } from "./forecast-chart";
import { PhaseProgressList } from "./phase-progress";
import { RecentActivity } from "./recent-activity";
import { ReviewHeatmap } from "./review-heatmap";

function Stat({ label, value, children }: { label: string; value: number | string; children?: React.ReactNode }) {
  return (
    <Card className="p-4">
      <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
      {children}
    </Card>
  );
}

export function DashboardView({ data, audience }: { data: Dashboard; audience: "student" | "admin" }) {
  const links = audience === "student";
  const passed = data.phases.filter((p) => p.passed).length;
  const learned = data.phases.reduce((s, p) => s + p.cardsLearned, 0);
  const cards = data.phases.reduce((s, p) => s + p.cardCount, 0);
  return (
    <div className="space-y-8">
      <section aria-label="Summary" className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Due today" value={data.dueToday}>
          {links && data.dueToday > 0 ? (
            <Link
              href="/review"
              className="mt-2 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
            >
              Start reviewing →
            </Link>
          ) : null}
          {data.newCards ? (
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{data.newCards} never seen</p>
          ) : null}
        </Stat>
        <Stat label="Reviewed today" value={data.reviewsToday} />
        <Stat label="Cards learned" value={`${learned}/${cards}`} />
        <Stat label="Exams passed" value={`${passed}/${data.phases.length}`} />
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-semibold">Next 14 days</h2>
          <ForecastChart forecast={data.forecast} />
        </Card>
        <Card>
          <h2 className="mb-3 font-semibold">Review history</h2>
          <ReviewHeatmap days={data.heatmap} />
        </Card>
      </div>

      <section>
        <h2 className="mb-3 text-lg font-semibold">Phases</h2>
        <PhaseProgressList phases={data.phases} links={links} />
      </section>

      <Card>
        <h2 className="mb-3 font-semibold">Recent activity</h2>
        <RecentActivity items={data.recent} links={links} />
      </Card>
    </div>
  );
}
