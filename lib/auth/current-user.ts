// Who is making this request, verified against the database on every request.
import { cache } from "react";
import "server-only";
import { bindRequestUser } from "../observability/request-context";
import { readSessionClaims } from "./session-cookie";
import type { SessionUser } from "./session-user";
import { validateSession } from "./sessions";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims();
  const user = claims ? await validateSession(claims) : null;
  // Log lines of this request carry the user id from here on (never before verification).
  if (user) bindRequestUser(user.id);
  return user;
});
