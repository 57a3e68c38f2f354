// First run: with no active admin, issue a one-time admin invite.
import "server-only";
import { db } from "../db/client";
import { issueInvite, type IssuedInvite } from "../auth/invites";

export async function hasActiveAdmin(): Promise<boolean> {
  return (await db().user.count({ where: { role: "admin", status: "active" } })) > 0;
}

export async function bootstrapAdminInvite(
  email = "admin@localhost.localdomain",
  name = "Administrator",
): Promise<IssuedInvite | null> {
  if (await hasActiveAdmin()) return null;
  const pending = await db().user.findFirst({
    where: { role: "admin", status: "invited" },
    orderBy: { createdAt: "asc" },
  });
  return issueInvite({ email: pending?.email ?? email, name: pending?.name ?? name, role: "admin", actorId: null });
}
