// Who is signed in, as every layer sees it, and the one role check. Low level on
// purpose (types and a pure function): lib/ domains, components and tests import
// it without pulling in the database or next-auth.
import { DomainError, type ErrorKey } from "../errors";

export type Role = "student" | "admin";
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** The interface language the account chose ("en" | "es"), or null to follow the browser. */
  locale: string | null;
  /** The IANA zone the account's review days and dates follow: its own choice, else the cohort's. */
  timeZone: string;
  /**
   * The session's second-factor state (docs/two-factor.md): only "done" sessions
   * are signed in; checkedAt is the last check, for step-up. Absent: made by a test or script.
   */
  secondFactor?: { state: "done" | "pending" | "enrol"; checkedAt: Date | null };
};

/**
 * The one role assertion of the data layer: every lib/ function that acts for a
 * user calls it before touching rows. Pages and actions check earlier (guards,
 * formAction); this is the check that holds when they are bypassed.
 */
export function assertRole(user: SessionUser, role: Role, message: ErrorKey = "notAllowed"): void {
  if (user.role !== role) throw new DomainError("forbidden", message);
}

/** Where a user lands after signing in, and where a page sends the wrong role. */
export function homeFor(user: { role: Role }): string {
  return user.role === "admin" ? "/admin/students" : "/me";
}

/** A stored role column as a Role: anything but "admin" is a student. */
export function roleOf(stored: string): Role {
  return stored === "admin" ? "admin" : "student";
}
