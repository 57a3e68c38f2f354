import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Announcements } from "@/components/dashboard/announcements";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { getMyDashboard } from "@/lib/dashboard/progress";
import { activeAnnouncementsFor } from "@/lib/mail/announcements";
import { dismissAnnouncementAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("meta.title") };
}

export default async function DashboardPage() {
  const user = await requireStudent();
  const now = new Date();
  const [data, announcements, t] = await Promise.all([
    getMyDashboard(user, now, await getLocale()),
    activeAnnouncementsFor(user, now),
    getTranslations("dashboard"),
  ]);
  return (
    <>
      <PageHeader title={t("greeting", { name: user.name })} description={t("description", { zone: user.timeZone })} />
      <Announcements items={announcements} dismiss={dismissAnnouncementAction} />
      <DashboardView data={data} audience="student" />
    </>
  );
}
