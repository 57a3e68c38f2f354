import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import type { ButtonAction, FormAction } from "@/lib/actions/form-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { homeFor } from "@/lib/auth/session-user";
import { MobileMenu } from "./mobile-menu";
import { SignOutForm } from "./sign-out-button";

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
  const signOutLabel = t("nav.signOut");
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-900/80">
      <nav aria-label={t("nav.main")} className="relative mx-auto flex max-w-5xl items-center gap-3 px-4 py-3 lg:gap-6">
        <Link href={user ? homeFor(user) : "/login"} className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">
            M
          </span>
          {/* Below 24rem the badge alone, so the header fits a 320 px screen; still the link's name. */}
          <span className="max-[24rem]:sr-only">Miniportal</span>
        </Link>
        <ul className="hidden flex-1 gap-4 text-sm lg:flex">
          {links.map((l) => (
            <li key={l.href} className="whitespace-nowrap">
              <Link href={l.href} className="nav-link">
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
                {t("nav.export")}
              </a>
            </li>
          ) : null}
        </ul>
        <div className={user ? "ml-auto lg:ml-0" : "ml-auto"}>
          <LocaleSwitcher switchLocale={switchLocale} />
        </div>
        {user ? (
          <>
            <div className="hidden items-center gap-3 text-sm lg:flex">
              <Link href="/account" className="nav-link" dir="auto">
                {user.name}
              </Link>
              <SignOutButton signOut={signOut} label={signOutLabel} />
            </div>
            <MobileMenu label={t("nav.menu")}>
              <ul className="space-y-1 text-base">
                {[...links, { href: "/account", label: t("nav.account", { name: user.name }) }].map((l) => (
                  <li key={l.href}>
                    <Link href={l.href} className="menu-link">
                      {l.label}
                    </Link>
                  </li>
                ))}
                {user.role === "student" ? (
                  <li>
                    <a href={EXPORT_HREF} download className="menu-link">
                      {t("nav.export")}
                    </a>
                  </li>
                ) : null}
              </ul>
              <div className="mt-2 border-t border-slate-200 px-3 pt-3 dark:border-slate-800">
                <SignOutButton signOut={signOut} label={signOutLabel} />
              </div>
            </MobileMenu>
          </>
        ) : null}
      </nav>
    </header>
  );
}

function SignOutButton({ signOut, label }: { signOut: ButtonAction; label: string }) {
  return (
    <SignOutForm signOut={signOut}>
      <button
        type="submit"
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        {label}
      </button>
    </SignOutForm>
  );
}
