"use client";
// Shown when a save was made from a stale copy: both texts side by side, and
// the student decides. Nothing is overwritten until they choose.
import { Button } from "@/components/ui/primitives";
import { SavedAt } from "./saved-at";

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
  const readable = conflict.theirState === "ok";
  return (
    <section
      aria-labelledby="conflict-title"
      className="mb-4 rounded-xl border border-amber-300 bg-amber-50 p-5 dark:border-amber-700/60 dark:bg-amber-950/30"
    >
      <h2 id="conflict-title" className="font-semibold text-amber-900 dark:text-amber-200">
        This note changed somewhere else
      </h2>
      <p className="mt-1 text-sm text-amber-900/90 dark:text-amber-200/90">
        Another tab or window saved this note after you opened it. Nothing has been overwritten. Compare the two texts
        and choose what to keep.
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-medium">Your text (not saved)</h3>
          <pre tabIndex={0} className={pane} data-testid="conflict-mine">
            {mine}
          </pre>
        </div>
        <div className="min-w-0">
          <h3 className="mb-1 text-sm font-medium">
            Saved version {conflict.theirVersion}
            {conflict.theirSavedAt ? (
              <>
                {" "}
                · saved <SavedAt iso={conflict.theirSavedAt} />
              </>
            ) : null}
          </h3>
          {readable ? (
            <pre tabIndex={0} className={pane} data-testid="conflict-theirs">
              {conflict.theirText}
            </pre>
          ) : (
            <p className={pane}>
              {conflict.theirState === "empty"
                ? "(no saved text)"
                : "The saved version cannot be decrypted, so it is not shown."}
            </p>
          )}
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine} disabled={busy}>
          Keep mine
        </Button>
        <Button type="button" variant="secondary" onClick={onTakeTheirs} disabled={busy || !readable}>
          Take the saved version
        </Button>
        <Button type="button" variant="secondary" onClick={onMerge} disabled={busy || !readable}>
          Merge by hand
        </Button>
      </div>
    </section>
  );
}
