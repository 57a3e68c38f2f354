// A phase's dates for the signed-in student: "done" once they passed its exam.
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { db } from "../db/client";
import { type PhaseSchedule, phaseSchedule } from "./phase-schedule";

export async function studentPhaseSchedule(
  user: SessionUser,
  phase: { id: string; opensAt: Date | null; dueAt: Date | null },
  now = new Date(),
): Promise<PhaseSchedule> {
  assertRole(user, "student");
  if (!phase.opensAt && !phase.dueAt) return phaseSchedule(phase, false, now);
  const passed = await db().examAttempt.findFirst({
    where: { userId: user.id, phaseId: phase.id, passed: true },
    select: { id: true },
  });
  return phaseSchedule(phase, !!passed, now);
}
