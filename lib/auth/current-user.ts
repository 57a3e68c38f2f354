// Who is making this request, verified against the database — once per request.
// React's cache() dedupes within one render; a server action runs before the
// render that follows it in the same request, so the result is also kept on the
// request's store, keyed by the session token: when the action signs in, out or
// re-issues the cookie, the token differs and the user is verified again.
import { cookies } from "next/headers";
import { cache } from "react";
import "server-only";
import { bindRequestUser, currentRequestStore } from "../observability/request-context";
import { sessionCookieValue } from "./cookie-names";
import { decodeSessionToken } from "./session-cookie";
import type { SessionUser } from "./session-user";
import { validateSession } from "./sessions";

async function verify(token: string | null): Promise<SessionUser | null> {
  const claims = token ? await decodeSessionToken(token) : null;
  const user = claims ? await validateSession(claims) : null;
  // Log lines of this request carry the user id from here on (never before verification).
  if (user) bindRequestUser(user.id);
  return user;
}

/**
 * The session's account whatever its second-factor state: for the pages and
 * actions of the second step and of enrolment only (lib/auth/guards.ts).
 */
export const getSessionAccount = cache(async (): Promise<SessionUser | null> => {
  const token = sessionCookieValue(await cookies());
  const store = currentRequestStore();
  if (store?.session && store.session.token === token) return store.session.user as Promise<SessionUser | null>;
  const user = verify(token);
  if (store) store.session = { token, user };
  return user;
});

/** After a change to the signed-in account's row (its language): the next read verifies again. */
export function forgetRequestUser(): void {
  const store = currentRequestStore();
  if (store) store.session = undefined;
}

/**
 * Who is signed in: a session whose second step (or required enrolment) is not
 * done yet is not signed in, for every page, action and route handler.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const user = await getSessionAccount();
  return user && (user.secondFactor?.state ?? "done") === "done" ? user : null;
}
