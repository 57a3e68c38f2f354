import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SentryBrowser } from "@/components/observability/sentry-browser";
import { AppHeader } from "@/components/ui/app-header";
import { browserSentryConfig } from "@/lib/observability/sentry";
import "./globals.css";
import { logoutAction } from "./account/actions";

export const metadata: Metadata = {
  title: { default: "Miniportal", template: "%s · Miniportal" },
  description: "Your course: journal, flashcards and exams.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const sentry = browserSentryConfig();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <AppHeader signOut={logoutAction} />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8">
          {children}
        </main>
        {sentry ? <SentryBrowser {...sentry} /> : null}
      </body>
    </html>
  );
}
