"use client";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { reportBrowserError } from "@/components/observability/sentry-browser";
import { Button, Card } from "@/components/ui/primitives";
import { type ErrorKind, parseRefusal } from "@/lib/refusal";

// The heading for each kind of refusal proxy.ts makes before an action runs (keys of common.error).
const REFUSAL_TITLE = {
  rate_limited: "waitTitle",
  forbidden: "refusedTitle",
  invalid: "refusedTitle",
  not_found: "refusedTitle",
  conflict: "refusedTitle",
  unauthenticated: "signInTitle",
} as const satisfies Record<ErrorKind, string>;

// Never shows a stack trace: the digest lets an operator find the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // proxy.ts refusals (429, cross-site 403) reach a form as a coded plain-text message (no digest): safe to show.
  const refusal = error.digest ? null : parseRefusal(error.message);
  const t = useTranslations("common.error");
  // A digest means the server threw and has reported it already; without one (and not a refusal) it happened here.
  useEffect(() => {
    if (!error.digest && !refusal) reportBrowserError(error);
  }, [error, refusal]);
  return (
    <div className="mx-auto max-w-md text-center">
      {/* A client error boundary cannot export metadata; React puts this in the head. */}
      <title>{`${refusal ? t(REFUSAL_TITLE[refusal.kind]) : t("title")} · Miniportal`}</title>
      <Card>
        <h1 className="text-xl font-semibold">{refusal ? t(REFUSAL_TITLE[refusal.kind]) : t("title")}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">{refusal?.message ?? t("body")}</p>
        {error.digest ? (
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">{t("reference", { digest: error.digest })}</p>
        ) : null}
        <Button className="mt-4" onClick={reset}>
          {t("retry")}
        </Button>
      </Card>
    </div>
  );
}
