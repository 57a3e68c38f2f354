import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/ui/primitives";
import { requireStudent } from "@/lib/auth/guards";
import { getMyDashboard } from "@/lib/dashboard/progress";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireStudent();
  const data = await getMyDashboard(user, new Date(), await getLocale());
  return (
    <>
      <PageHeader title={`Hello, ${user.name}`} description="Your course at a glance. Dates are in UTC." />
      <DashboardView data={data} audience="student" />
    </>
  );
}
