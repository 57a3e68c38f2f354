"use client";
// The journal's live preview, cheap enough to follow typing in a note at the size limit
// (issue 25: a large note took seconds per key when every key re-rendered all of it).
// The editor passes a deferred copy of its text, and this component is memoised, so a
// keystroke's own render skips it; then each top-level block renders in a memoised
// component keyed by its text, so only the block that changed is parsed again.
import { memo } from "react";
import { useTranslations } from "next-intl";
import { Markdown } from "@/components/content/markdown";
import { Card } from "@/components/ui/primitives";
import { markdownBlocks } from "@/lib/journal/markdown-blocks";

/**
 * dir="auto" per block: a right-to-left paragraph reads right to left beside left-to-right ones.
 * Not content-visibility: it saved a little layout per key, but anything that reads styles
 * across the preview (Playwright's role queries here; assistive tools) then took 7× longer
 * to see a large note at all (docs/vault.md).
 */
const Block = memo(function Block({ source }: { source: string }) {
  return (
    <div dir="auto">
      <Markdown source={source} />
    </div>
  );
});

/** Keys by text, numbered where blocks repeat: blocks that only moved keep their rendering. */
function keyed(blocks: string[]): { key: string; source: string }[] {
  const seen = new Map<string, number>();
  return blocks.map((source) => {
    const n = seen.get(source) ?? 0;
    seen.set(source, n + 1);
    return { key: `${n}:${source}`, source };
  });
}

export const NotePreview = memo(function NotePreview({ source }: { source: string }) {
  const t = useTranslations("journal");
  return (
    <Card
      tabIndex={0}
      aria-labelledby="preview-title"
      dir="auto"
      // Scrolls inside itself: a preview as tall as its text made the editor beside it as tall,
      // and every change of the preview's height laid the whole note out again in the editor.
      className="max-h-[80vh] min-h-[60vh] flex-1 overflow-auto"
      data-testid="note-preview"
    >
      {source.trim() ? (
        keyed(markdownBlocks(source)).map((b) => <Block key={b.key} source={b.source} />)
      ) : (
        <p className="text-sm muted">{t("editor.previewEmpty")}</p>
      )}
    </Card>
  );
});
