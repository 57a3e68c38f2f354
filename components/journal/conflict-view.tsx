"use client";
// Shown when a save was made from a stale copy: both texts side by side, and
// a line diff from the saved version to the student's text, and the student
// decides. Nothing is overwritten until they choose.
import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/primitives";
import { lineDiff } from "@/lib/journal/line-diff";
import { LocalTime } from "@/components/ui/local-time";

export type Conflict = {
  theirState: "ok" | "empty" | "unreadable";
  theirText: string;
  theirVersion: number;
  theirSavedAt: string | null;
};

type Props = {
  mine: string;
  conflict: Conflict;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  onMerge: () => void;
};

const pane =
  "max-h-80 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-slate-50 p-3 " +
  "font-mono text-xs dark:border-slate-700 dark:bg-slate-950";

export function ConflictView({ mine, conflict, busy, onKeepMine, onTakeTheirs, onMerge }: Props) {
  const t = useTranslations("journal.conflict");
  const readable = conflict.theirState === "ok";
  const diff = useMemo(
    () => (readable ? lineDiff(conflict.theirText, mine) : []),
    [readable, conflict.theirText, mine],
  );
  const changed = diff.filter((l) => l.kind !== "same").length;
  const savedAt = conflict.theirSavedAt;
  return (
    <section
      aria-labelledby="conflict-title"
      className="mb-4 rounded-xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-700/60 dark:bg-amber-950/30"
    >
      <h2 id="conflict-title" className="font-semibold text-amber-900 dark:text-amber-200">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-amber-900/90 dark:text-amber-200/90">{t("body")}</p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-medium">{t("mine")}</h3>
          <pre tabIndex={0} className={pane} data-testid="conflict-mine">
            {mine}
          </pre>
        </div>
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-medium">
            {savedAt
              ? t.rich("theirsSaved", {
                  version: conflict.theirVersion,
                  time: () => <LocalTime value={savedAt} seconds />,
                })
              : t("theirs", { version: conflict.theirVersion })}
          </h3>
          {readable ? (
            <pre tabIndex={0} className={pane} data-testid="conflict-theirs">
              {conflict.theirText}
            </pre>
          ) : (
            <p className={pane}>{conflict.theirState === "empty" ? t("noText") : t("unreadable")}</p>
          )}
        </div>
      </div>
      {readable ? (
        <div className="mt-4 min-w-0">
          <h3 className="mb-1 text-sm font-medium" id="conflict-diff-title">
            {t("diffTitle", { count: changed })}
          </h3>
          <ol
            tabIndex={0}
            aria-labelledby="conflict-diff-title"
            className={`${pane} list-none`}
            data-testid="conflict-diff"
          >
            {diff.map((line, index) => (
              <li
                key={index}
                data-kind={line.kind}
                className={
                  line.kind === "added"
                    ? "bg-emerald-100 text-emerald-950 dark:bg-emerald-950/60 dark:text-emerald-100"
                    : line.kind === "removed"
                      ? "bg-red-100 text-red-950 line-through decoration-red-700/60 dark:bg-red-950/60 dark:text-red-100"
                      : "soft"
                }
              >
                <span aria-hidden className="select-none pr-2">
                  {line.kind === "added" ? "+" : line.kind === "removed" ? "−" : " "}
                </span>
                <span className="sr-only">
                  {line.kind === "added" ? t("onlyMine") : line.kind === "removed" ? t("onlyTheirs") : ""}
                </span>
                {line.text || "\u00a0"}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine} disabled={busy}>
          {t("keepMine")}
        </Button>
        <Button type="button" variant="secondary" onClick={onTakeTheirs} disabled={busy || !readable}>
          {t("takeTheirs")}
        </Button>
        <Button type="button" variant="secondary" onClick={onMerge} disabled={busy || !readable}>
          {t("merge")}
        </Button>
      </div>
    </section>
  );
}
