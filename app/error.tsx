"use client";
import { useEffect } from "react";
import { reportBrowserError } from "@/components/observability/sentry-browser";
import { Button, Card } from "@/components/ui/primitives";
import { type ErrorKind, parseRefusal } from "@/lib/errors";

// The heading for each kind of refusal proxy.ts makes before an action runs.
const REFUSAL_TITLE: Record<ErrorKind, string> = {
  rate_limited: "Please wait a moment",
  forbidden: "Request refused",
  invalid: "Request refused",
  not_found: "Request refused",
  conflict: "Request refused",
  unauthenticated: "Please sign in again",
};

// Never shows a stack trace: the digest lets an operator find the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  // proxy.ts refusals (429, cross-site 403) reach a form as a coded plain-text message (no digest): safe to show.
  const refusal = error.digest ? null : parseRefusal(error.message);
  // A digest means the server threw and has reported it already; without one (and not a refusal) it happened here.
  useEffect(() => {
    if (!error.digest && !refusal) reportBrowserError(error);
  }, [error, refusal]);
  return (
    <div className="mx-auto max-w-md text-center">
      <Card>
        <h1 className="text-xl font-semibold">{refusal ? REFUSAL_TITLE[refusal.kind] : "Something went wrong"}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">
          {refusal?.message ?? "Your work is safe. Try again; if it keeps happening, tell your course admin."}
        </p>
        {error.digest ? (
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Reference: {error.digest}</p>
        ) : null}
        <Button className="mt-4" onClick={reset}>
          Try again
        </Button>
      </Card>
    </div>
  );
}
