// The journal's text editor: CodeMirror 6, loaded by note-text-field.tsx only on the
// notes page. A <textarea> holding a note at the size limit (256 KiB) cost Chromium
// ~40 ms of layout a key by itself (issue 25, docs/vault.md); CodeMirror lays out only
// the lines in view. Plain text with history and the default keys: no markdown mode (a
// parser on every key is latency for colour), no line numbers, and no Tab binding, so
// Tab moves focus out of the editor as it did from the textarea.
import { EditorState, RangeSetBuilder } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  ViewPlugin,
  type ViewUpdate,
  keymap,
  placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";

/** Each rendered line as `dir="auto"`: Arabic or Hebrew lines read right to left, as in the preview. */
const autoDirection = Decoration.line({ attributes: { dir: "auto" } });

function lineDirections(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges)
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      builder.add(line.from, line.from, autoDirection);
      pos = line.to + 1;
    }
  return builder.finish();
}

const perLineDirection = [
  // CodeMirror then reads each line's computed direction for cursor motion.
  EditorView.perLineTextDirection.of(true),
  ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = lineDirections(view);
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged) this.decorations = lineDirections(update.view);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  ),
];

export type NoteViewOptions = {
  doc: string;
  placeholder: string;
  /** The content element's attributes: its id, accessible name and description. */
  attributes: Record<string, string>;
  onChange: (text: string) => void;
};

export function createNoteView(parent: HTMLElement, options: NoteViewOptions): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        EditorView.lineWrapping,
        perLineDirection,
        placeholder(options.placeholder),
        // Prose, not code: CodeMirror turns these off by default; phones capitalise and correct as in the textarea.
        EditorView.contentAttributes.of({
          spellcheck: "true",
          autocorrect: "on",
          autocapitalize: "sentences",
          ...options.attributes,
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}
