import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { ResetLinkForm } from "./reset-link-form";
import { AccommodationForm } from "./accommodation-form";
import { setAccommodationAction } from "./actions";
import { examAccommodationFor } from "@/lib/exams/admin";
import { viewStudentProgress } from "@/lib/admin/progress";
import { requireAdmin } from "@/lib/auth/guards";
import { LocalTime } from "@/components/ui/local-time";
import { currentRequestId } from "@/lib/observability/request-context";
import { displayEmail } from "@/lib/auth/email";
import { latestDeliveries } from "@/lib/mail/delivery-status";
import { mailEnabled } from "@/lib/mail/outbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("student.title") };
}

const STATUS = {
  active: "students.status.active",
  invited: "students.status.invited",
  disabled: "students.status.disabled",
} as const;

type Props = { params: Promise<{ id: string }> };

export default async function StudentProgressPage({ params }: Props) {
  const admin = await requireAdmin();
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const view = await viewStudentProgress(admin, id, await currentRequestId(), new Date(), await getLocale());
  if (!view) notFound();
  const { student, dashboard } = view;
  const resetMail = (await latestDeliveries(admin, "reset", [student.id])).get(student.id) ?? null;
  const t = await getTranslations("admin");
  return (
    <>
      <PageHeader
        title={
          // A name in a right-to-left script reads and aligns as one.
          <span dir="auto" className="block">
            {student.name}
          </span>
        }
        description={
          <>
            {t.rich("student.description", {
              email: displayEmail(student.email),
              status: () => (
                <Badge>
                  {student.status in STATUS ? t(STATUS[student.status as keyof typeof STATUS]) : student.status}
                </Badge>
              ),
              joined: () => <LocalTime value={student.createdAt} />,
              last: () => (student.lastLoginAt ? <LocalTime value={student.lastLoginAt} /> : t("students.never")),
            })}
          </>
        }
        actions={
          <Link
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
            href="/admin/students"
          >
            {t("student.allStudents")}
          </Link>
        }
      />
      <p className="mb-6 text-sm soft">{t("student.privacy")}</p>
      {student.status === "active" ? (
        <Card className="mb-6">
          <h2 className="mb-2 font-semibold">{t("student.resetHeading")}</h2>
          <ResetLinkForm studentId={student.id} name={student.name} delivery={resetMail} mailOn={mailEnabled()} />
        </Card>
      ) : null}
      <Card className="mb-6" data-testid="exam-accommodation">
        <h2 className="font-semibold">{t("accommodation.heading")}</h2>
        <p className="mt-1 mb-3 text-sm soft">{t("accommodation.hint")}</p>
        <AccommodationForm
          studentId={student.id}
          multiplier={await examAccommodationFor(admin, student.id)}
          save={setAccommodationAction}
        />
      </Card>
      <DashboardView data={dashboard} audience="admin" />
    </>
  );
}
