"use client";
// The journal editor: markdown with live (sanitised) preview, Ctrl/Cmd+S to
// save, a saved-at indicator, a warning before leaving with unsaved changes, and
// a conflict view when another tab saved first.
import { useCallback, useDeferredValue, useEffect, useState, useTransition } from "react";
import { Markdown } from "@/components/content/markdown";
import { Button, Card, Notice } from "@/components/ui/primitives";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import type { SaveOutcome } from "@/lib/journal/notes";
import { NOTE_MAX_BYTES, tooLargeMessage, utf8Bytes } from "@/lib/journal/limits";
import { type Conflict, ConflictView } from "./conflict-view";
import { SavedAt } from "./saved-at";

type Props = {
  phase: number;
  initialText: string;
  initialVersion: number;
  initialSavedAt: string | null;
  saveNote: FormAction<SaveOutcome>;
};
type Message = { tone: "error" | "info"; text: string } | null;

export function NoteEditor({ phase, initialText, initialVersion, initialSavedAt, saveNote }: Props) {
  const [text, setText] = useState(initialText);
  const [savedText, setSavedText] = useState(initialText); // the text at baseVersion
  const [baseVersion, setBaseVersion] = useState(initialVersion);
  const [savedAt, setSavedAt] = useState(initialSavedAt);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pending, startTransition] = useTransition();
  const preview = useDeferredValue(text);
  const dirty = text !== savedText;
  const bytes = utf8Bytes(text);

  const save = useCallback(
    (toSave: string, version: number) => {
      const size = utf8Bytes(toSave);
      if (size > NOTE_MAX_BYTES) {
        setMessage({ tone: "error", text: tooLargeMessage(size) });
        return;
      }
      const form = new FormData();
      form.set("phase", String(phase));
      form.set("baseVersion", String(version));
      form.set("text", toSave);
      startTransition(async () => {
        try {
          const state = await saveNote(idleState, form);
          const data = state.data;
          // Identical text already saved (e.g. the same edit from two tabs) is not a conflict.
          const same =
            data?.kind === "conflict" && data.theirs.state === "ok" && data.theirs.text === toSave ? data.theirs : null;
          const saved = data?.kind === "saved" ? data : same;
          if (saved) {
            setBaseVersion(saved.version);
            setSavedText(toSave);
            setSavedAt(saved.savedAt);
            setConflict(null);
            setMessage(null);
          } else if (data?.kind === "conflict") {
            const theirs = data.theirs;
            setConflict({
              theirState: theirs.state,
              theirText: theirs.state === "ok" ? theirs.text : "",
              theirVersion: theirs.version,
              theirSavedAt: theirs.state === "empty" ? null : theirs.savedAt,
            });
            setMessage(null);
          } else {
            setMessage({
              tone: "error",
              text: state.message ?? "The note could not be saved. Your text is still in the editor.",
            });
          }
        } catch {
          setMessage({
            tone: "error",
            text: "The server could not be reached, so the note was not saved. Your text is still in the editor; try again.",
          });
        }
      });
    },
    [phase, saveNote],
  );

  const saveNow = useCallback(() => {
    if (pending) return;
    if (conflict) {
      setMessage({ tone: "info", text: "Choose how to resolve the conflict above first." });
      return;
    }
    save(text, baseVersion);
  }, [pending, conflict, save, text, baseVersion]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        saveNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveNow]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the prompt
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const resolve = (next: string, mark: string) => {
    if (!conflict) return;
    setText(next);
    setSavedText(conflict.theirText);
    setBaseVersion(conflict.theirVersion);
    setSavedAt(conflict.theirSavedAt);
    setConflict(null);
    setMessage(mark ? { tone: "info", text: mark } : null);
  };

  return (
    <div>
      {conflict ? (
        <ConflictView
          mine={text}
          conflict={conflict}
          busy={pending}
          onKeepMine={() => save(text, conflict.theirVersion)}
          onTakeTheirs={() => resolve(conflict.theirText, "")}
          onMerge={() =>
            resolve(
              `<<<<<<< your text\n${text}\n=======\n${conflict.theirText}\n>>>>>>> saved version ${conflict.theirVersion}\n`,
              "Both texts are in the editor between conflict markers. Edit them into one, remove the markers and save.",
            )
          }
        />
      ) : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          saveNow();
        }}
        className="grid gap-4 lg:grid-cols-2"
      >
        <div className="flex min-w-0 flex-col">
          <label htmlFor="note-text" className="mb-1 text-sm font-medium">
            Journal text (markdown)
          </label>
          <textarea
            id="note-text"
            name="text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck
            aria-describedby="note-status"
            className={
              "min-h-[60vh] w-full flex-1 resize-y rounded-xl border border-slate-300 bg-white p-4 font-mono text-sm " +
              "leading-relaxed shadow-sm focus:border-brand-600 focus:outline-none dark:border-slate-700 dark:bg-slate-950"
            }
            placeholder={"# What I learned\n\nWrite in markdown: **bold**, `code`, lists, tables…"}
          />
        </div>
        <div className="flex min-w-0 flex-col">
          <h2 className="mb-1 text-sm font-medium" id="preview-title">
            Preview
          </h2>
          <Card
            tabIndex={0}
            aria-labelledby="preview-title"
            className="min-h-[60vh] flex-1 overflow-auto"
            data-testid="note-preview"
          >
            {preview.trim() ? (
              <Markdown source={preview} />
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">Nothing to preview yet.</p>
            )}
          </Card>
        </div>
        <div className="flex flex-wrap items-center gap-4 lg:col-span-2">
          <Button type="submit" disabled={pending || Boolean(conflict)}>
            {pending ? "Saving…" : "Save"}
          </Button>
          <p
            id="note-status"
            role="status"
            aria-live="polite"
            className="text-sm text-slate-600 dark:text-slate-400"
            data-testid="save-status"
          >
            {pending ? (
              "Saving…"
            ) : dirty ? (
              "Unsaved changes"
            ) : savedAt ? (
              <>
                Saved at <SavedAt iso={savedAt} /> · version {baseVersion}
              </>
            ) : (
              "Not saved yet"
            )}
          </p>
          <p
            className={`ml-auto text-xs ${bytes > NOTE_MAX_BYTES ? "font-semibold text-red-600 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}
          >
            {(bytes / 1024).toFixed(1)} KiB of {NOTE_MAX_BYTES / 1024} KiB
          </p>
        </div>
        {message ? (
          <div
            className="lg:col-span-2"
            role={message.tone === "error" ? "alert" : undefined}
            data-testid="note-message"
          >
            <Notice tone={message.tone}>{message.text}</Notice>
          </div>
        ) : null}
      </form>
    </div>
  );
}
