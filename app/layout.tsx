import type { Metadata } from "next";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { RouteMessages } from "@/components/i18n/route-messages";
import { SentryBrowser } from "@/components/observability/sentry-browser";
import { AppHeader } from "@/components/ui/app-header";
import { ReadOnlyBanner } from "@/components/ui/read-only-banner";
import { browserSentryConfig } from "@/lib/observability/sentry";
import "./globals.css";
import { logoutAction } from "./account/actions";
import { switchLocaleAction } from "./locale-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { default: "Miniportal", template: "%s · Miniportal" },
    description: t("meta.description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request (the header reads the session cookie anyway), so
  // the settings below come from the server's environment at start, never the build's:
  // `next build` must need no secrets and bake in no Sentry DSN or test switch.
  await connection();
  const sentry = browserSentryConfig();
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <RouteMessages route={null}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
          >
            {t("skipToContent")}
          </a>
          <ReadOnlyBanner />
          <AppHeader signOut={logoutAction} switchLocale={switchLocaleAction} />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8">
            {children}
          </main>
          {sentry ? <SentryBrowser {...sentry} /> : null}
        </RouteMessages>
      </body>
    </html>
  );
}
