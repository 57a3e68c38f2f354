// A human description of each audit action, beside the stored code (which stays
// the neutral, untranslated value shown in the table and used by the filter).
import { getTranslations } from "next-intl/server";
import type { AuditAction } from "@/lib/audit/events";

const DESCRIPTION = {
  "login.succeeded": "actions.loginSucceeded",
  "login.failed": "actions.loginFailed",
  logout: "actions.logout",
  "logout.everywhere": "actions.logoutEverywhere",
  "password.changed": "actions.passwordChanged",
  "password.change_failed": "actions.passwordChangeFailed",
  "invite.issued": "actions.inviteIssued",
  "invite.redeemed": "actions.inviteRedeemed",
  "invite.revoked": "actions.inviteRevoked",
  "password_reset.issued": "actions.passwordResetIssued",
  "password_reset.used": "actions.passwordResetUsed",
  "student.viewed": "actions.studentViewed",
  "student.deactivated": "actions.studentDeactivated",
  "student.reactivated": "actions.studentReactivated",
  "account.mail_preferences": "actions.mailPreferences",
  "mail.unsubscribed": "actions.mailUnsubscribed",
  "audit.viewed": "actions.auditViewed",
  "announcement.published": "actions.announcementPublished",
  "announcement.withdrawn": "actions.announcementWithdrawn",
  "calendar.link_issued": "actions.calendarLinkIssued",
  "calendar.turned_off": "actions.calendarTurnedOff",
  "gradebook.viewed": "actions.gradebookViewed",
  "gradebook.exported": "actions.gradebookExported",
  "exam_stats.viewed": "actions.examStatsViewed",
  "student.archived": "actions.studentArchived",
  "student.unarchived": "actions.studentUnarchived",
  "exam.settings_changed": "actions.examSettingsChanged",
  "exam.settings_reset": "actions.examSettingsReset",
  "student.exam_accommodation": "actions.examAccommodation",
  "review.scheduler_changed": "actions.schedulerChanged",
  "fsrs.optimize_started": "actions.fsrsOptimizeStarted",
  "fsrs.optimize_finished": "actions.fsrsOptimizeFinished",
  "second_factor.added": "actions.secondFactorAdded",
  "second_factor.removed": "actions.secondFactorRemoved",
  "second_factor.succeeded": "actions.secondFactorSucceeded",
  "second_factor.failed": "actions.secondFactorFailed",
  "second_factor.recovery_used": "actions.secondFactorRecoveryUsed",
  "second_factor.recovery_regenerated": "actions.secondFactorRecoveryRegenerated",
  "second_factor.reset_by_admin": "actions.secondFactorResetByAdmin",
  "second_factor.reset_by_command": "actions.secondFactorResetByCommand",
  "second_factor.step_up": "actions.secondFactorStepUp",
} as const satisfies Record<AuditAction, string>;

/** Describes an action code in the request's language; undefined for a code this version does not know. */
export async function getActionDescriber(): Promise<(action: string) => string | undefined> {
  const t = await getTranslations("audit");
  return (action) =>
    Object.hasOwn(DESCRIPTION, action) ? t(DESCRIPTION[action as keyof typeof DESCRIPTION]) : undefined;
}
