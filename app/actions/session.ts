"use server";
import { redirect } from "next/navigation";
import { buttonAction } from "@/lib/actions/form-action";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { signOut } from "@/lib/auth/sessions";

// "anonymous" access: an expired session still gets its cookie cleared and lands
// on /login. A forged cross-site post is refused by buttonAction and does nothing.

/** Ends this browser's session on the server, not just by dropping the cookie. */
export const logoutAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  if (user) await signOut(user, "this", requestId);
  await clearSessionCookie();
  redirect("/login");
});

export const logoutEverywhereAction = buttonAction({ access: "anonymous" }, async ({ user, requestId }) => {
  if (user) await signOut(user, "everywhere", requestId);
  await clearSessionCookie();
  redirect("/login");
});
