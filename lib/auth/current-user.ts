// Who is making this request, verified against the database on every request.
import { cache } from "react";
import { db } from "../db/client";
import { readSessionClaims } from "./session-cookie";
import { type SessionUser, validateSession } from "./sessions";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims();
  return claims ? validateSession(db(), claims) : null;
});
