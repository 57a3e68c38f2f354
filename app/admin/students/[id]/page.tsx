import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { ResetLinkForm } from "./reset-link-form";
import { viewStudentProgress } from "@/lib/admin/progress";
import { requireAdmin } from "@/lib/auth/guards";
import { LocalTime } from "@/components/ui/local-time";
import { currentRequestId } from "@/lib/observability/request-context";
import { displayEmail } from "@/lib/auth/email";

export const metadata: Metadata = { title: "Student progress" };

type Props = { params: Promise<{ id: string }> };

export default async function StudentProgressPage({ params }: Props) {
  const admin = await requireAdmin();
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const view = await viewStudentProgress(admin, id, await currentRequestId());
  if (!view) notFound();
  const { student, dashboard } = view;
  return (
    <>
      <PageHeader
        title={student.name}
        description={
          <>
            {displayEmail(student.email)} · <Badge>{student.status}</Badge> · joined{" "}
            <LocalTime value={student.createdAt} /> · last sign-in{" "}
            {student.lastLoginAt ? <LocalTime value={student.lastLoginAt} /> : "never"}
          </>
        }
        actions={
          <Link
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
            href="/admin/students"
          >
            All students
          </Link>
        }
      />
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">
        Progress only: journal entries stay private to the student. This view is recorded in the audit log.
      </p>
      {student.status === "active" ? (
        <Card className="mb-6">
          <h2 className="mb-2 font-semibold">Password reset</h2>
          <ResetLinkForm studentId={student.id} name={student.name} />
        </Card>
      ) : null}
      <DashboardView data={dashboard} audience="admin" />
    </>
  );
}
