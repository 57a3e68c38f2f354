"use client";
// Browser error reporting. Rendered by the root layout only when SENTRY_DSN is
// set; the SDK is a separate chunk loaded after the page is interactive, so
// without a DSN no Sentry code reaches the browser at all. Events go to the
// portal's tunnel (same origin), which scrubs them and adds the route template.
import { useEffect } from "react";

type BrowserSentry = typeof import("@sentry/browser");
const globalForSentry = globalThis as unknown as { miniportalBrowserSentry?: BrowserSentry };

export type BrowserSentryConfig = { dsn: string; release: string; environment: string; tunnel: string };

export function SentryBrowser(config: BrowserSentryConfig) {
  useEffect(() => {
    if (globalForSentry.miniportalBrowserSentry) return;
    void import("@sentry/browser").then((Sentry) => {
      Sentry.init({
        dsn: config.dsn,
        release: config.release,
        environment: config.environment,
        tunnel: config.tunnel,
        sendDefaultPii: false,
        // Errors only: no tracing, no breadcrumbs (clicks and console lines can carry text).
        defaultIntegrations: false,
        integrations: [
          Sentry.globalHandlersIntegration(),
          Sentry.browserApiErrorsIntegration(),
          Sentry.linkedErrorsIntegration(),
          Sentry.dedupeIntegration(),
        ],
        maxBreadcrumbs: 0,
        beforeSend(event) {
          // The path only (for the route template); query strings and fragments stay home.
          event.request = { url: window.location.pathname };
          return event;
        },
      });
      globalForSentry.miniportalBrowserSentry = Sentry;
    });
  }, [config.dsn, config.release, config.environment, config.tunnel]);
  return null;
}

/** For error boundaries: reports a client-side error when the SDK is running; a no-op otherwise. */
export function reportBrowserError(error: unknown): void {
  globalForSentry.miniportalBrowserSentry?.captureException(error);
}
