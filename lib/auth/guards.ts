// Authorisation gates for pages and server actions. proxy.ts only redirects
// early; these are the real checks, applied where data is read or written.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser, getSessionAccount } from "./current-user";
import { homeFor, type SessionUser } from "./session-user";

/** Where a session that is not (yet) signed in belongs: the second step, enrolment, or the sign-in form. */
export async function signInStepPath(): Promise<string> {
  const account = await getSessionAccount();
  const state = account?.secondFactor?.state;
  if (state === "pending") return "/login/second-factor";
  if (state === "enrol") return "/account/two-factor";
  return "/login";
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(await signInStepPath());
  return user;
}

/**
 * The pages of the second step and of enrolment: a session in that state (or
 * signed in). Anyone else goes to the sign-in form.
 */
export async function requireAccount(state: "pending" | "enrol"): Promise<SessionUser> {
  const account = await getSessionAccount();
  const current = account?.secondFactor?.state ?? "done";
  if (!account || (current !== state && current !== "done")) redirect(await signInStepPath());
  return account;
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
