// Authorisation gates for pages and server actions. proxy.ts only redirects
// early; these are the real checks, applied where data is read or written.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";
import { homeFor, type SessionUser } from "./session-user";

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

export async function requireStudent(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "student") redirect(homeFor(user));
  return user;
}

/** Non-admins get the 404 page: admin routes do not exist for them. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}
