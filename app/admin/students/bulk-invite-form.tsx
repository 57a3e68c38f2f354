"use client";
// Invite many people at once: pasted lines or a CSV file, "email, name" per
// line; the answer lists every line with what happened to it, and a warning on
// an accepted address that needs a second look (one mixing scripts). Each link is
// labelled with its person, and the answer goes away when the next batch starts.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FormStatus, SubmitButton } from "@/components/ui/form";
import { InviteLink } from "@/components/admin/invite-link";
import { idleState } from "@/lib/actions/form-state";
import { bulkInviteAction } from "./invite-actions";

const tone = {
  invited: "text-emerald-700 dark:text-emerald-300",
  replaced: "text-emerald-700 dark:text-emerald-300",
  skipped: "text-amber-800 dark:text-amber-300",
  refused: "text-red-700 dark:text-red-300",
};

const OUTCOME = {
  invited: "bulk.outcome.invited",
  replaced: "bulk.outcome.replaced",
  skipped: "bulk.outcome.skipped",
  refused: "bulk.outcome.refused",
} as const;

export function BulkInviteForm() {
  const t = useTranslations("admin");
  const [state, action] = useActionState(bulkInviteAction, idleState);
  const [setAside, setSetAside] = useState<typeof state | null>(null);
  const shown = state === setAside ? idleState : state;
  const startNext = () => setSetAside(state);
  const results = shown.status === "success" ? shown.data?.results : undefined;
  return (
    <div className="space-y-3">
      <form action={action} onSubmit={startNext} onChange={startNext} className="space-y-3" noValidate>
        <div className="space-y-1">
          <label htmlFor="lines" className="block text-sm font-medium">
            {t("bulk.label")}
          </label>
          <textarea
            id="lines"
            name="lines"
            rows={5}
            defaultValue={state.values?.lines}
            aria-describedby="lines-hint"
            aria-invalid={shown.fieldErrors?.lines ? true : undefined}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
            placeholder={"ada@example.org, Ada Lovelace\ngrace@example.org, Grace Hopper"}
          />
          <p id="lines-hint" className="text-xs text-slate-600 dark:text-slate-400">
            {t("bulk.hint")}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <label className="text-sm">
            {t("bulk.csvFile")}{" "}
            <input type="file" name="csv" accept=".csv,text/csv,text/plain" className="ml-2 text-sm" />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="replace" /> {t("bulk.replace")}
          </label>
        </div>
        <SubmitButton pendingLabel={t("bulk.pending")}>{t("bulk.submit")}</SubmitButton>
      </form>
      <FormStatus state={shown} />
      {results ? (
        <ol aria-label={t("bulk.resultsLabel")} className="space-y-2 text-sm">
          {results.map((r) => (
            <li
              key={r.line}
              data-testid="bulk-result"
              className="rounded-lg border border-slate-200 p-2 dark:border-slate-800"
            >
              <p>
                <span className="font-mono text-xs">{t("bulk.line", { line: r.line })}</span>{" "}
                <bdi className="break-all">{r.text}</bdi>:{" "}
                <strong className={tone[r.outcome]}>{t(OUTCOME[r.outcome])}</strong> — {r.message}
              </p>
              {r.warning ? (
                <p data-testid="bulk-warning" className="mt-1 text-amber-800 dark:text-amber-300">
                  <strong>{t("bulk.warning")}:</strong> <bdi className="break-all">{r.warning}</bdi>
                </p>
              ) : null}
              {r.url && r.person ? (
                <div className="mt-1">
                  <InviteLink url={r.url} person={r.person} testId={`bulk-url-${r.line}`} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
