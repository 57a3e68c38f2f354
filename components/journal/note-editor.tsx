"use client";
// The journal editor: markdown in a CodeMirror field (note-text-field.tsx) with live
// (sanitised) preview, Ctrl/Cmd+S to save, a saved-at indicator, a warning before
// reloading or closing with unsaved changes, a local draft that survives leaving by an
// in-app link (offered back on return), and a conflict view when another tab saved first.
// The text is posted by the server action from `text` (FormData built in `save`).
import { useCallback, useDeferredValue, useEffect, useMemo, useState, useTransition } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Button, Notice } from "@/components/ui/primitives";
import { type FormAction, idleState } from "@/lib/actions/form-state";
import type { SaveOutcome } from "@/lib/journal/notes";
import { NOTE_MAX_BYTES, kibibytes, utf8Bytes } from "@/lib/journal/limits";
import { type Conflict, ConflictView } from "./conflict-view";
import { DraftOffer } from "./draft-offer";
import { NotePreview } from "./note-preview";
import { NoteTextField } from "./note-text-field";
import { useLocalDraft } from "./use-local-draft";
import { useSettledValue } from "./use-settled-value";
import { LocalTime } from "@/components/ui/local-time";
import { useOnline } from "@/components/offline/use-online";

type Props = {
  phase: number;
  initialText: string;
  initialVersion: number;
  initialSavedAt: string | null;
  /** Where unsaved text is kept in this browser (lib/journal/draft.ts: per user and phase). */
  draftKey: string;
  saveNote: FormAction<SaveOutcome>;
};
/** How long typing pauses before the preview follows (a fast typist's keys come 100–200 ms apart). */
const PREVIEW_DELAY_MS = 300;

type Message = { tone: "error" | "info"; text: string } | null;

export function NoteEditor({ phase, initialText, initialVersion, initialSavedAt, draftKey, saveNote }: Props) {
  const t = useTranslations("journal");
  // Offline the draft stays on the device (useLocalDraft); saving waits for the network.
  const online = useOnline();
  const format = useFormatter();
  const [text, setText] = useState(initialText);
  const [savedText, setSavedText] = useState(initialText); // the text at baseVersion
  const [baseVersion, setBaseVersion] = useState(initialVersion);
  const [savedAt, setSavedAt] = useState(initialSavedAt);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [pending, startTransition] = useTransition();
  // The preview follows once typing pauses, then at lower priority: a keystroke's render
  // skips it (NotePreview is memoised) and a long note is parsed and laid out between words.
  const preview = useDeferredValue(useSettledValue(text, PREVIEW_DELAY_MS));
  const dirty = text !== savedText;
  // Counted on the deferred text too: encoding the whole note on every key was a large part of its cost.
  const bytes = useMemo(() => utf8Bytes(preview), [preview]);
  const { offer, discard } = useLocalDraft(draftKey, initialText, { text, baseVersion, dirty });

  const restore = () => {
    if (!offer) return;
    setText(offer.text);
    // Saved against the version it was written from: if the note changed since, the save shows the conflict view.
    setBaseVersion(offer.baseVersion);
    discard(false);
    setMessage({ tone: "info", text: t("editor.restored") });
  };

  const save = useCallback(
    (toSave: string, version: number) => {
      const size = utf8Bytes(toSave);
      if (size > NOTE_MAX_BYTES) {
        setMessage({
          tone: "error",
          text: t("save.tooLarge", { size: kibibytes(size), limit: kibibytes(NOTE_MAX_BYTES) }),
        });
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
              text: state.message ?? t("save.failed"),
            });
          }
        } catch {
          setMessage({
            tone: "error",
            text: t("save.unreachable"),
          });
        }
      });
    },
    [phase, saveNote, t],
  );

  const saveNow = useCallback(() => {
    if (pending) return;
    if (conflict) {
      setMessage({ tone: "info", text: t("editor.resolveFirst") });
      return;
    }
    save(text, baseVersion);
  }, [pending, conflict, save, text, baseVersion, t]);

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
      {offer ? <DraftOffer draft={offer} onRestore={restore} onDiscard={() => discard(true)} /> : null}
      {conflict ? (
        <ConflictView
          mine={text}
          conflict={conflict}
          busy={pending}
          onKeepMine={() => save(text, conflict.theirVersion)}
          onTakeTheirs={() => resolve(conflict.theirText, "")}
          onMerge={() =>
            resolve(
              `<<<<<<< ${t("editor.mergeMine")}\n${text}\n=======\n${conflict.theirText}\n>>>>>>> ${t("editor.mergeTheirs", { version: conflict.theirVersion })}\n`,
              t("editor.mergeHint"),
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
          {/* Names the editor (aria-labelledby): a <label> names only form fields, so a
              click on it focuses the editor by hand, as a label's click would. */}
          <span
            id="note-text-label"
            className="mb-1 text-sm font-medium"
            onClick={() => document.getElementById("note-text")?.focus()}
          >
            {t("editor.label")}
          </span>
          <NoteTextField
            id="note-text"
            labelId="note-text-label"
            describedBy="note-status"
            value={text}
            onChange={setText}
            placeholder={t("editor.placeholder")}
          />
        </div>
        <div className="flex min-w-0 flex-col">
          <h2 className="mb-1 text-sm font-medium" id="preview-title">
            {t("editor.preview")}
          </h2>
          <NotePreview source={preview} />
        </div>
        <div className="flex flex-wrap items-center gap-4 lg:col-span-2">
          <Button type="submit" disabled={pending || Boolean(conflict) || !online}>
            {pending ? t("editor.saving") : t("editor.save")}
          </Button>
          {!online ? (
            <p
              role="status"
              className="w-full text-sm text-amber-800 dark:text-amber-300"
              data-testid="journal-offline"
            >
              {t("offlineCannotSave")}
            </p>
          ) : null}
          <p id="note-status" role="status" aria-live="polite" className="text-sm soft" data-testid="save-status">
            {pending
              ? t("editor.saving")
              : dirty
                ? t("editor.unsaved")
                : savedAt
                  ? t.rich("editor.savedAt", {
                      time: () => <LocalTime value={savedAt} seconds />,
                      version: baseVersion,
                    })
                  : t("editor.notSaved")}
          </p>
          <p
            className={`ml-auto text-xs ${bytes > NOTE_MAX_BYTES ? "font-semibold text-red-600 dark:text-red-400" : "muted"}`}
          >
            {t("editor.size", {
              size: format.number(bytes / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
              limit: NOTE_MAX_BYTES / 1024,
            })}
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
