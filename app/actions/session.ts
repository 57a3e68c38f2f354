"use server";
import { redirect } from "next/navigation";
import { recordEvent } from "@/lib/audit/events";
import { getCurrentUser } from "@/lib/auth/current-user";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { currentRequestId } from "@/lib/observability/request-context";
import { actionOriginProblem } from "@/lib/security/request-guards";

/** Ends this browser's session on the server, not just by dropping the cookie. */
export async function logoutAction(): Promise<void> {
  if (await actionOriginProblem()) return; // a forged cross-site logout does nothing
  const user = await getCurrentUser();
  if (user) {
    const requestId = await currentRequestId();
    await revokeSession(db(), user.sessionId);
    await db().$transaction((tx) => recordEvent(tx, { actorId: user.id, action: "logout", targetType: "session", targetId: user.sessionId, requestId }));
  }
  await clearSessionCookie();
  redirect("/login");
}

export async function logoutEverywhereAction(): Promise<void> {
  if (await actionOriginProblem()) return;
  const user = await getCurrentUser();
  if (user) {
    const requestId = await currentRequestId();
    await db().$transaction(async (tx) => {
      await revokeAllSessions(tx, user.id);
      await recordEvent(tx, { actorId: user.id, action: "logout.everywhere", targetType: "user", targetId: user.id, requestId });
    });
  }
  await clearSessionCookie();
  redirect("/login");
}
