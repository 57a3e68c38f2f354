"use server";
import { redirect } from "next/navigation";
import { buttonAction } from "@/lib/actions/form-action";
import { recordEvent } from "@/lib/audit/events";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { revokeAllSessions, revokeSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";

// "anonymous" access: an expired session still gets its cookie cleared and lands
// on /login. A forged cross-site post is refused by buttonAction and does nothing.

/** Ends this browser's session on the server, not just by dropping the cookie. */
export const logoutAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  if (user) {
    await revokeSession(db(), user.sessionId);
    await db().$transaction((tx) => recordEvent(tx, { actorId: user.id, action: "logout", targetType: "session", targetId: user.sessionId, requestId }));
  }
  await clearSessionCookie();
  redirect("/login");
});

export const logoutEverywhereAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  if (user) {
    await db().$transaction(async (tx) => {
      await revokeAllSessions(tx, user.id);
      await recordEvent(tx, { actorId: user.id, action: "logout.everywhere", targetType: "user", targetId: user.id, requestId });
    });
  }
  await clearSessionCookie();
  redirect("/login");
});
