"use client";
// Shown when the editor opens and this browser holds unsaved text from an
// earlier visit: the student restores it into the editor or discards it.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/primitives";
import { LocalTime } from "@/components/ui/local-time";
import type { NoteDraft } from "@/lib/journal/draft";

export function DraftOffer({
  draft,
  onRestore,
  onDiscard,
}: {
  draft: NoteDraft;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslations("journal.draft");
  const lines = draft.text.split("\n").length;
  return (
    <section
      aria-labelledby="draft-title"
      data-testid="draft-offer"
      className="mb-4 rounded-xl border border-brand-100 bg-brand-50 p-5 dark:border-brand-700/60 dark:bg-slate-900"
    >
      <h2 id="draft-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {t.rich("body", { time: () => <LocalTime value={draft.at} />, count: lines })}
      </p>
      <pre
        tabIndex={0}
        className="mt-3 max-h-40 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-3 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        data-testid="draft-text"
      >
        {draft.text}
      </pre>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onRestore}>
          {t("restore")}
        </Button>
        <Button type="button" variant="secondary" onClick={onDiscard}>
          {t("discard")}
        </Button>
      </div>
    </section>
  );
}
