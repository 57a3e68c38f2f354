// Students an admin archived: out of the roster and the gradebook, restorable here.
import { getTranslations } from "next-intl/server";
import { ArchiveButton } from "@/components/admin/archive-button";
import { LocalTime } from "@/components/ui/local-time";
import type { ArchivedRow } from "@/lib/admin/students";
import { displayEmail } from "@/lib/auth/email";
import { unarchiveStudentAction } from "./people-actions";

export async function ArchivedStudents({ students }: { students: ArchivedRow[] }) {
  const t = await getTranslations("admin");
  return (
    <details className="px-4 py-3" data-testid="archived-students">
      <summary className="cursor-pointer font-semibold">
        {t("people.archivedHeading", { count: students.length })}
      </summary>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("people.archivedNote")}</p>
      <ul className="mt-2">
        {students.map((s) => (
          <li
            key={s.id}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 py-2 last:border-0 dark:border-slate-800"
            data-testid={`archived-${s.email}`}
          >
            <span className="font-medium">
              <bdi>{s.name}</bdi>
            </span>
            <span className="break-all text-sm text-slate-600 dark:text-slate-400">{displayEmail(s.email)}</span>
            <span className="text-sm text-slate-600 dark:text-slate-400">
              {t.rich("people.archivedOn", { date: () => <LocalTime value={s.archivedAt} /> })}
            </span>
            <div className="ml-auto">
              <ArchiveButton studentId={s.id} name={s.name} archived action={unarchiveStudentAction} />
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
}
