import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { getMyDashboard } from "@/lib/dashboard/progress";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("meta.title") };
}

export default async function DashboardPage() {
  const user = await requireStudent();
  const data = await getMyDashboard(user, new Date(), await getLocale());
  const t = await getTranslations("dashboard");
  return (
    <>
      <PageHeader title={t("greeting", { name: user.name })} description={t("description")} />
      <DashboardView data={data} audience="student" />
    </>
  );
}
