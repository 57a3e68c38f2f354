import Link from "next/link";
import type { ButtonAction } from "@/lib/actions/form-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";
import { MobileMenu } from "./mobile-menu";
import { SignOutForm } from "./sign-out-button";

const studentLinks = [
  { href: "/me", label: "Dashboard" },
  { href: "/review", label: "Review" },
];
// The export is a route handler that decrypts every note, builds a zip and writes
// an audit event. A <Link> would be prefetched on every page view and run all of
// that; a plain download link runs it only when clicked.
const EXPORT_HREF = "/me/export";
const adminLinks = [
  { href: "/admin/students", label: "Students" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/ops", label: "Service health" },
];

const linkStyle = "text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white";

// Wide screens show the links inline; below `sm` they (and the account link and
// sign-out) move into one menu, so a phone reaches every one of them.
export async function AppHeader({ signOut }: { signOut: ButtonAction }) {
  const user = await getCurrentUser();
  const links = user ? (user.role === "admin" ? adminLinks : studentLinks) : [];
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <nav aria-label="Main" className="relative mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
        <Link href={user ? homeFor(user) : "/login"} className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            M
          </span>
          Miniportal
        </Link>
        <ul className="hidden flex-1 gap-4 text-sm sm:flex">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className={linkStyle}>
                {l.label}
              </Link>
            </li>
          ))}
          {user?.role === "student" ? (
            <li>
              <a
                href={EXPORT_HREF}
                download
                className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
              >
                Export
              </a>
            </li>
          ) : null}
        </ul>
        {user ? (
          <>
            <div className="hidden items-center gap-3 text-sm sm:flex">
              <Link href="/account" className={linkStyle}>
                {user.name}
              </Link>
              <SignOutButton signOut={signOut} />
            </div>
            <MobileMenu>
              <ul className="space-y-1 text-base">
                {[...links, { href: "/account", label: `Account (${user.name})` }].map((l) => (
                  <li key={l.href}>
                    <Link
                      href={l.href}
                      className={`block rounded-lg px-3 py-2 hover:bg-slate-100 dark:hover:bg-slate-800 ${linkStyle}`}
                    >
                      {l.label}
                    </Link>
                  </li>
                ))}
                {user.role === "student" ? (
                  <li>
                    <a
                      href={EXPORT_HREF}
                      download
                      className={`block rounded-lg px-3 py-2 hover:bg-slate-100 dark:hover:bg-slate-800 ${linkStyle}`}
                    >
                      Export
                    </a>
                  </li>
                ) : null}
              </ul>
              <div className="mt-2 border-t border-slate-200 px-3 pt-3 dark:border-slate-800">
                <SignOutButton signOut={signOut} />
              </div>
            </MobileMenu>
          </>
        ) : null}
      </nav>
    </header>
  );
}

function SignOutButton({ signOut }: { signOut: ButtonAction }) {
  return (
    <SignOutForm signOut={signOut}>
      <button
        type="submit"
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </SignOutForm>
  );
}
