// Authorisation gates for pages and server actions. proxy.ts only redirects
// early; these are the real checks, applied where data is read or written.
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "./current-user";
import type { SessionUser } from "./sessions";

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

export async function requireStudent(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "student") redirect("/admin/students");
  return user;
}

/** Non-admins get the 404 page: admin routes do not exist for them. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") notFound();
  return user;
}

/** For route handlers: a user of the given role, or the status to answer with. */
export async function authorizeHandler(role?: "student" | "admin"): Promise<{ user: SessionUser } | { status: 401 | 403 }> {
  const user = await getCurrentUser();
  if (!user) return { status: 401 };
  if (role && user.role !== role) return { status: 403 };
  return { user };
}
