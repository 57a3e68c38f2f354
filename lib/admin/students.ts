// Admin views and changes of student accounts. Every function takes the acting
// admin and refuses anyone else; changes are audited in the same transaction.
import "server-only";
import { assertRecentFactor } from "../auth/second-factor/step-up";
import { db } from "../db/client";
import { recordEvent } from "../audit/events";
import { withdrawResets } from "../auth/password-reset";
import { revokeAllSessions } from "../auth/sessions";
import { assertRole, type SessionUser } from "../auth/session-user";
import { DomainError } from "../errors";
import type { Prisma } from "../db/client";

/**
 * The students the teacher's lists show (roster, gradebook, its CSV, exam statistics):
 * not archived, and not an invitation that was withdrawn (an invited account
 * whose every invite is revoked; an expired one still shows, as "invite expired").
 */
export const LISTED_STUDENTS = {
  role: "student",
  archivedAt: null,
  NOT: { status: "invited", invites: { none: { revokedAt: null } } },
} satisfies Prisma.UserWhereInput;

export type StudentRow = {
  id: string;
  email: string;
  name: string;
  status: string;
  createdAt: Date;
  lastLoginAt: Date | null;
  invitePending: boolean;
};

export async function listStudents(actor: SessionUser): Promise<StudentRow[]> {
  assertRole(actor, "admin");
  const now = new Date();
  const users = await db().user.findMany({
    where: LISTED_STUDENTS,
    orderBy: [{ status: "asc" }, { name: "asc" }],
    include: { invites: { where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    status: u.status,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
    invitePending: u.invites.length > 0,
  }));
}

/**
 * Deactivating also ends the student's sessions and withdraws open invites and
 * password-reset links, so reactivating brings none of them back.
 */
export async function setStudentActive(
  actor: SessionUser,
  studentId: string,
  active: boolean,
  requestId: string | null,
): Promise<void> {
  assertRole(actor, "admin");
  if (!active) await assertRecentFactor(actor);
  return db().$transaction(async (tx) => {
    const student = await tx.user.findFirst({ where: { id: studentId, role: "student" } });
    if (!student) throw new DomainError("not_found", "noSuchStudent");
    if (!active) {
      await tx.user.update({ where: { id: student.id }, data: { status: "disabled" } });
      await revokeAllSessions(tx, student.id);
      await tx.invite.updateMany({
        where: { userId: student.id, usedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      await withdrawResets(tx, student.id);
    } else {
      await tx.user.update({
        where: { id: student.id },
        data: { status: student.passwordHash ? "active" : "invited" },
      });
    }
    await recordEvent(tx, {
      actorId: actor.id,
      action: active ? "student.reactivated" : "student.deactivated",
      targetType: "user",
      targetId: student.id,
      requestId,
    });
  });
}

export type ArchivedRow = { id: string; email: string; name: string; status: string; archivedAt: Date };

/** Archived students, newest first: what /admin/students lists under "Archived". */
export async function listArchived(actor: SessionUser): Promise<ArchivedRow[]> {
  assertRole(actor, "admin");
  const rows = await db().user.findMany({
    where: { role: "student", archivedAt: { not: null } },
    orderBy: { archivedAt: "desc" },
    select: { id: true, email: true, name: true, status: true, archivedAt: true },
  });
  return rows.map((r) => ({ ...r, archivedAt: r.archivedAt! }));
}

/**
 * Archiving hides a student who has left from the roster, the gradebook and its
 * export; every row of theirs is kept and unarchiving brings them back as they were.
 * It changes nothing about the account: an active student can still sign in (to
 * export their data, say); deactivating is the separate step that stops that.
 * An invited student is not archived: withdrawing the invite removes them instead.
 */
export async function setStudentArchived(
  actor: SessionUser,
  studentId: string,
  archived: boolean,
  requestId: string | null,
  now = new Date(),
): Promise<void> {
  assertRole(actor, "admin");
  return db().$transaction(async (tx) => {
    const student = await tx.user.findFirst({ where: { id: studentId, role: "student" } });
    if (!student) throw new DomainError("not_found", "noSuchStudent");
    if (archived && student.status === "invited") throw new DomainError("conflict", "archiveInvited");
    await tx.user.update({ where: { id: student.id }, data: { archivedAt: archived ? now : null } });
    await recordEvent(tx, {
      actorId: actor.id,
      action: archived ? "student.archived" : "student.unarchived",
      targetType: "user",
      targetId: student.id,
      requestId,
    });
  });
}
