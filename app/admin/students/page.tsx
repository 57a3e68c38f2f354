import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "@/components/ui/link";
import { InviteForm } from "@/components/admin/invite-form";
import { listInvited } from "@/lib/admin/invites";
import { BulkInviteForm } from "./bulk-invite-form";
import { PendingInvites } from "./pending-invites";
import { StudentStatusButton } from "@/components/admin/student-status-button";
import { LocalTime } from "@/components/ui/local-time";
import { Badge, Card, PageHeader } from "@/components/ui/primitives";
import { listArchived, listStudents } from "@/lib/admin/students";
import { ArchiveButton } from "@/components/admin/archive-button";
import { ArchivedStudents } from "./archived-students";
import { archiveStudentAction, inviteCoTeacherAction } from "./people-actions";
import { requireAdmin } from "@/lib/auth/guards";
import { deactivateStudentAction, inviteStudentAction, reactivateStudentAction } from "./actions";
import { displayEmail } from "@/lib/auth/email";
import { mailEnabled } from "@/lib/mail/outbox";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("students.title") };
}

const statusTone = { active: "green", invited: "amber", disabled: "red" } as const;
const STATUS = {
  active: "students.status.active",
  invited: "students.status.invited",
  disabled: "students.status.disabled",
} as const;

export default async function StudentsPage() {
  const admin = await requireAdmin();
  const [students, invited, archived, t] = await Promise.all([
    listStudents(admin),
    listInvited(admin),
    listArchived(admin),
    getTranslations("admin"),
  ]);
  const mailOn = mailEnabled();
  return (
    <>
      <PageHeader title={t("students.title")} description={t("students.inCohort", { count: students.length })} />
      <Card className="mb-6">
        <h2 className="mb-1 font-semibold">{t("students.inviteHeading")}</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="mail-mode">
          {mailOn ? t("mail.on") : t("mail.off")}
        </p>
        <InviteForm invite={inviteStudentAction} />
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium">{t("students.bulkSummary")}</summary>
          <div className="mt-3">
            <BulkInviteForm />
          </div>
        </details>
      </Card>
      <Card className="mb-6">
        <details>
          <summary className="cursor-pointer font-semibold">{t("people.coTeacherHeading")}</summary>
          <p className="mt-2 mb-3 text-sm text-slate-600 dark:text-slate-400">{t("people.coTeacherNote")}</p>
          <InviteForm
            invite={inviteCoTeacherAction}
            idPrefix="co-teacher-"
            submitLabel={t("people.coTeacherSubmit")}
            testId="co-teacher-url"
            labels={{ name: t("people.coTeacherName"), email: t("people.coTeacherEmail") }}
          />
        </details>
      </Card>
      <Card className="mb-6">
        <h2 className="px-4 pt-4 pb-2 font-semibold">{t("students.pendingHeading", { count: invited.length })}</h2>
        <PendingInvites invites={invited} mailOn={mailOn} />
      </Card>
      {/* A container: the table turns into one card per student when this card is narrow. */}
      <Card className="@container">
        <table className="w-full text-sm @max-2xl:stacked-rows">
          <caption className="sr-only">{t("students.caption")}</caption>
          <thead className="border-b border-slate-200 text-left text-xs uppercase text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th className="px-4 py-3">{t("students.columns.name")}</th>
              <th className="px-4 py-3">{t("students.columns.email")}</th>
              <th className="px-4 py-3">{t("students.columns.status")}</th>
              <th className="px-4 py-3">{t("students.columns.lastSignIn")}</th>
              <th className="px-4 py-3">
                <span className="sr-only">{t("students.columns.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {students.length === 0 ? (
              <tr>
                <td colSpan={5} className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">
                  {t("students.empty")}
                </td>
              </tr>
            ) : (
              students.map((s) => (
                <tr
                  key={s.id}
                  className="border-b border-slate-100 last:border-0 dark:border-slate-800"
                  data-testid={`student-${s.email}`}
                >
                  <td data-label={t("students.columns.name")} className="px-4 py-3 font-medium">
                    <Link
                      className="inline-flex min-h-6 items-center hover:underline"
                      href={`/admin/students/${s.id}`}
                      dir="auto"
                    >
                      {s.name}
                    </Link>
                  </td>
                  <td data-label={t("students.columns.email")} className="break-all px-4 py-3">
                    {displayEmail(s.email)}
                  </td>
                  <td data-label={t("students.columns.status")} className="px-4 py-3">
                    <Badge tone={statusTone[s.status as keyof typeof statusTone] ?? "slate"}>
                      {s.status in STATUS ? t(STATUS[s.status as keyof typeof STATUS]) : s.status}
                    </Badge>
                    {s.status === "invited" && !s.invitePending ? (
                      <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                        {t("students.inviteExpired")}
                      </span>
                    ) : null}
                  </td>
                  <td
                    data-label={t("students.columns.lastSignIn")}
                    className="px-4 py-3 text-slate-500 dark:text-slate-400"
                  >
                    {s.lastLoginAt ? <LocalTime value={s.lastLoginAt} /> : t("students.never")}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {s.status !== "invited" ? (
                      <div className="flex flex-wrap justify-end gap-2">
                        <StudentStatusButton
                          studentId={s.id}
                          name={s.name}
                          active={s.status === "active"}
                          toggle={s.status === "active" ? deactivateStudentAction : reactivateStudentAction}
                        />
                        <ArchiveButton studentId={s.id} name={s.name} archived={false} action={archiveStudentAction} />
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </Card>
      {archived.length ? (
        <Card className="mt-6">
          <ArchivedStudents students={archived} />
        </Card>
      ) : null}
    </>
  );
}
