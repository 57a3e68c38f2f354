import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Announcements } from "@/components/dashboard/announcements";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { getMyDashboard } from "@/lib/dashboard/progress";
import { activeAnnouncementsFor } from "@/lib/mail/announcements";
import { dismissAnnouncementAction } from "./actions";
import { Card } from "@/components/ui/primitives";
import { WorkloadSimulator } from "@/components/review/workload-simulator";
import { recentRetention } from "@/lib/review/recent-retention";
import { studentScheduling } from "@/lib/review/fsrs-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("meta.title") };
}

export default async function DashboardPage() {
  const user = await requireStudent();
  const now = new Date();
  const [data, announcements, t, tSim, retained, scheduling] = await Promise.all([
    getMyDashboard(user, now, await getLocale()),
    activeAnnouncementsFor(user, now),
    getTranslations("dashboard"),
    getTranslations("review.simulator"),
    recentRetention(user.id, now),
    studentScheduling(user.id),
  ]);
  return (
    <>
      <PageHeader title={t("greeting", { name: user.name })} description={t("description", { zone: user.timeZone })} />
      <Announcements items={announcements} dismiss={dismissAnnouncementAction} />
      <DashboardView data={data} audience="student" />
      <Card className="mt-6" aria-labelledby="simulator-heading">
        <h2 id="simulator-heading" className="mb-2 font-semibold">
          {tSim("heading")}
        </h2>
        <p className="mb-3 text-sm soft" data-testid="retention-30">
          {retained.count
            ? tSim("retention30", {
                percent: Math.round((retained.recalled / retained.count) * 100),
                count: retained.count,
              })
            : tSim("retention30None")}
        </p>
        <WorkloadSimulator initial={scheduling.retention} />
      </Card>
    </>
  );
}
