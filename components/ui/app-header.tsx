import { getTranslations } from "next-intl/server";
import type { ButtonAction, FormAction } from "@/lib/actions/form-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";
import { HeaderNav } from "./header-nav";

// Labels are keys of the common catalogue's "nav" group.
const studentLinks = [
  { href: "/me", label: "nav.dashboard" },
  { href: "/review", label: "nav.review" },
] as const;
// The export is a route handler that decrypts every note, builds a zip and writes
// an audit event. A <Link> would be prefetched on every page view and run all of
// that; a plain download link runs it only when clicked.
const EXPORT_HREF = "/me/export";
const adminLinks = [
  { href: "/admin/students", label: "nav.students" },
  { href: "/admin/gradebook", label: "nav.gradebook" },
  { href: "/admin/exams", label: "nav.exams" },
  { href: "/admin/announcements", label: "nav.announcements" },
  { href: "/admin/audit", label: "nav.audit" },
  { href: "/admin/ops", label: "nav.health" },
] as const;

// Wide screens show the links inline; below `lg` they (and the account link and
// sign-out) move into one menu, so a phone or a narrow window reaches every one of them
// (the admin's six links, name and sign-out need about 980 px in Spanish, hence short labels).
export async function AppHeader({ signOut, switchLocale }: { signOut: ButtonAction; switchLocale: FormAction }) {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations("common")]);
  const links = (user ? (user.role === "admin" ? adminLinks : studentLinks) : []).map((l) => ({
    href: l.href,
    label: t(l.label),
  }));
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <nav aria-label={t("nav.main")} className="relative mx-auto flex max-w-5xl items-center gap-3 px-4 py-3 lg:gap-6">
        <HeaderNav
          home={user ? homeFor(user) : "/login"}
          links={links}
          exportLink={user?.role === "student" ? { href: EXPORT_HREF, label: t("nav.export") } : null}
          account={
            user
              ? {
                  name: user.name,
                  label: t("nav.account", { name: user.name }),
                  menu: t("nav.menu"),
                  signOut: t("nav.signOut"),
                }
              : null
          }
          signOut={signOut}
          switchLocale={switchLocale}
        />
      </nav>
    </header>
  );
}
