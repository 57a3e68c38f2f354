"use client";
// What the header's <nav> holds, from the few strings components/ui/app-header.tsx
// computes. A client component so that every page's RSC payload carries those strings
// instead of the header's markup a second time, and the phone menu's copy of the links
// is rendered only while it is open.
import Link from "@/components/ui/link";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import type { ButtonAction, FormAction } from "@/lib/actions/form-state";
import { MobileMenu } from "./mobile-menu";
import { SignOutForm } from "./sign-out-button";

export type HeaderLink = { href: string; label: string };

export function HeaderNav({
  home,
  links,
  exportLink,
  account,
  signOut,
  switchLocale,
}: {
  home: string;
  links: HeaderLink[];
  /** A student's data export: a plain download link, never prefetched (app-header.tsx). */
  exportLink: HeaderLink | null;
  /** Signed in: the name shown inline, the menu's label for the account page, and the other labels. */
  account: { name: string; label: string; menu: string; signOut: string } | null;
  signOut: ButtonAction;
  switchLocale: FormAction;
}) {
  return (
    <>
      <Link href={home} className="flex items-center gap-2 font-semibold">
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
        {exportLink ? (
          <li>
            <a
              href={exportLink.href}
              download
              className="text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            >
              {exportLink.label}
            </a>
          </li>
        ) : null}
      </ul>
      <div className={account ? "ml-auto lg:ml-0" : "ml-auto"}>
        <LocaleSwitcher switchLocale={switchLocale} />
      </div>
      {account ? (
        <>
          <div className="hidden items-center gap-3 text-sm lg:flex">
            <Link href="/account" className="nav-link" dir="auto">
              {account.name}
            </Link>
            <SignOutButton signOut={signOut} label={account.signOut} />
          </div>
          <MobileMenu label={account.menu}>
            <ul className="space-y-1 text-base">
              {[...links, { href: "/account", label: account.label }].map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="menu-link">
                    {l.label}
                  </Link>
                </li>
              ))}
              {exportLink ? (
                <li>
                  <a href={exportLink.href} download className="menu-link">
                    {exportLink.label}
                  </a>
                </li>
              ) : null}
            </ul>
            <div className="mt-2 border-t border-slate-200 px-3 pt-3 dark:border-slate-800">
              <SignOutButton signOut={signOut} label={account.signOut} />
            </div>
          </MobileMenu>
        </>
      ) : null}
    </>
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
