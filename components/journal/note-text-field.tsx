"use client";
// The journal's text field: a CodeMirror editor (code-editor.ts), loaded after the page
// is up so the notes page does not wait for it. Until it mounts the text is shown as it
// will be edited, in the same box, but not editable: a key typed there would be lost.
// The editor is the source of the text; `value` changing from outside (a restored
// draft, the conflict view's choices) replaces the editor's text.
import { useEffect, useRef, useState } from "react";
import type { EditorView } from "@codemirror/view";

type Props = {
  value: string;
  onChange: (text: string) => void;
  /** The content element's id; it is named by `labelId` and described by `describedBy`. */
  id: string;
  labelId: string;
  describedBy: string;
  placeholder: string;
};

export function NoteTextField({ value, onChange, id, labelId, describedBy, placeholder }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The text the editor holds (or will start with): a `value` equal to it came from the editor.
  const held = useRef(value);
  const changed = useRef(onChange);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (value === held.current) return;
    held.current = value;
    const v = view.current;
    v?.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    let gone = false;
    void import("./code-editor").then(({ createNoteView }) => {
      if (gone || !host.current) return;
      view.current = createNoteView(host.current, {
        doc: held.current,
        placeholder,
        attributes: { id, "aria-labelledby": labelId, "aria-describedby": describedBy },
        onChange: (text) => {
          if (text === held.current) return; // the echo of a replacement from outside
          held.current = text;
          changed.current(text);
        },
      });
      setReady(true);
    });
    return () => {
      gone = true;
      view.current?.destroy();
      view.current = null;
      setReady(false);
    };
  }, [id, labelId, describedBy, placeholder]);

  return (
    // Absolutely placed inside: the box keeps the height it is given (60vh, or the preview's
    // beside it) instead of growing with the text, so the editor scrolls and lays out only
    // the lines in view. `resize-y` lets the student make it taller, as the textarea could.
    <div className="note-editor relative min-h-[60vh] w-full flex-1 resize-y overflow-hidden rounded-xl border border-slate-300 bg-white font-mono text-sm leading-relaxed shadow-sm focus-within:border-brand-600 focus-within:ring-1 focus-within:ring-brand-600 dark:border-slate-700 dark:bg-slate-950">
      <div ref={host} className="absolute inset-0" />
      {ready ? null : (
        <div
          className="absolute inset-0 overflow-auto p-4 break-words whitespace-pre-wrap"
          dir="auto"
          data-testid="note-text-loading"
        >
          {value || <span className="muted">{placeholder}</span>}
        </div>
      )}
    </div>
  );
}
