// The audit trail (event_log). Rows are written inside the transaction of the
// change they describe; nothing in the application updates or deletes them.
import "server-only";
import type { Tx } from "../db/client";

export type AuditAction =
  | "login.succeeded"
  | "login.failed"
  | "logout"
  | "logout.everywhere"
  | "password.changed"
  | "password.change_failed"
  | "invite.issued"
  | "invite.redeemed"
  | "invite.revoked"
  | "password_reset.issued"
  | "password_reset.used"
  | "student.viewed"
  | "student.deactivated"
  | "student.reactivated"
  | "account.mail_preferences"
  | "mail.unsubscribed"
  | "audit.viewed"
  | "announcement.published"
  | "announcement.withdrawn"
  | "calendar.link_issued"
  | "calendar.turned_off"
  | "gradebook.viewed"
  | "gradebook.exported"
  | "exam_stats.viewed"
  | "student.archived"
  | "student.unarchived"
  | "exam.settings_changed"
  | "exam.settings_reset"
  | "student.exam_accommodation"
  | "review.scheduler_changed"
  | "fsrs.optimize_started"
  | "fsrs.optimize_finished"
  | "second_factor.added"
  | "second_factor.removed"
  | "second_factor.succeeded"
  | "second_factor.failed"
  | "second_factor.recovery_used"
  | "second_factor.recovery_regenerated"
  | "second_factor.reset_by_admin"
  | "second_factor.reset_by_command"
  | "second_factor.step_up";

export type AuditEvent = {
  actorId: string | null;
  action: AuditAction;
  targetType?: "user" | "invite" | "session" | "announcement" | "phase" | "fsrs_run" | "second_factor";
  targetId?: string | null;
  requestId?: string | null;
  detail?: Record<string, string | number | boolean | null>;
};

export async function recordEvent(tx: Tx, event: AuditEvent): Promise<void> {
  await tx.eventLog.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      requestId: event.requestId ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    },
  });
}
