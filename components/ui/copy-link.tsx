"use client";
// A one-time link an admin passes on (invite, password reset): shown in a
// read-only field that selects itself, with a copy button.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./primitives";

export function CopyLink({ url, label, testId }: { url: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations("common.copyLink");
  const id = `${testId}-field`;
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-lg border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950/40">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        readOnly
        value={url}
        className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        onFocus={(e) => e.currentTarget.select()}
      />
      <Button
        type="button"
        variant="secondary"
        onClick={() => navigator.clipboard?.writeText(url).then(() => setCopied(true))}
      >
        {copied ? t("copied") : t("copy")}
      </Button>
    </div>
  );
}
