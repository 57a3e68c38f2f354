// An admin's view of one student's progress: the same figures as the student's
// dashboard, never journal contents. Every view is audited ("student.viewed") in
// the transaction that reads the student.
import "server-only";
import { recordEvent } from "../audit/events";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { type Dashboard, studentDashboard } from "../dashboard/progress";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { zoneOf } from "../time/user-zone";

export type StudentProgressView = {
  student: { id: string; name: string; email: string; status: string; createdAt: Date; lastLoginAt: Date | null };
  dashboard: Dashboard;
};

export async function viewStudentProgress(
  actor: SessionUser,
  studentId: string,
  requestId: string | null,
  now = new Date(),
  locale: Locale = DEFAULT_LOCALE,
): Promise<StudentProgressView | null> {
  assertRole(actor, "admin");
  const student = await db().$transaction(async (tx) => {
    const found = await tx.user.findFirst({
      where: { id: studentId, role: "student" },
      select: { id: true, name: true, email: true, status: true, createdAt: true, lastLoginAt: true, timeZone: true },
    });
    if (!found) return null;
    await recordEvent(tx, {
      actorId: actor.id,
      action: "student.viewed",
      targetType: "user",
      targetId: found.id,
      requestId,
    });
    return found;
  });
  if (!student) return null;
  // Phase titles in the admin's language, as the student's own dashboard shows them in theirs.
  return { student, dashboard: await studentDashboard(student.id, now, locale, zoneOf(student)) };
}
