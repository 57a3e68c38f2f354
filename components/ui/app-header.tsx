import Link from "next/link";
import { logoutAction } from "@/app/actions/session";
import { getCurrentUser } from "@/lib/auth/current-user";

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

export async function AppHeader() {
  const user = await getCurrentUser();
  const links = user ? (user.role === "admin" ? adminLinks : studentLinks) : [];
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
        <Link href={user ? (user.role === "admin" ? "/admin/students" : "/me") : "/login"} className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">M</span>
          Miniportal
        </Link>
        <ul className="flex flex-1 gap-4 text-sm">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">{l.label}</Link>
            </li>
          ))}
          {user?.role === "student" ? (
            <li>
              <a href={EXPORT_HREF} download className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white">Export</a>
            </li>
          ) : null}
        </ul>
        {user ? (
          <div className="flex items-center gap-3 text-sm">
            <Link href="/account" className="hidden text-slate-500 hover:text-slate-900 sm:inline dark:text-slate-400 dark:hover:text-white">{user.name}</Link>
            <form action={logoutAction}>
              <button type="submit" className="rounded-lg border border-slate-300 px-3 py-1.5 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </nav>
    </header>
  );
}
