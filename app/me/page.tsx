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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("meta.title") };
}

export default async function DashboardPage() {
  const user = await requireStudent();
  const now = new Date();
  // Retention and the desired retention come with the dashboard's rows, kept per worker
  // while the student's data is unchanged (lib/dashboard/student-rows.ts).
  const [data, announcements, t, tSim] = await Promise.all([
    getMyDashboard(user, now, await getLocale()),
    activeAnnouncementsFor(user, now),
    getTranslations("dashboard"),
    getTranslations("review.simulator"),
  ]);
  const retained = data.retention30;
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
        <WorkloadSimulator initial={data.desiredRetention} />
      </Card>
    </>
  );
}
