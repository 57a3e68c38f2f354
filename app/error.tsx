"use client";
import { Button, Card } from "@/components/ui/primitives";

// Never shows a stack trace: the digest lets an operator find the log line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md text-center">
      <Card>
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">Your work is safe. Try again; if it keeps happening, tell your course admin.</p>
        {error.digest ? <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p> : null}
        <Button className="mt-4" onClick={reset}>Try again</Button>
      </Card>
    </div>
  );
}
