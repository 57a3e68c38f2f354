// Splits a note's markdown into top-level blocks that render the same one by one as
// together, so the editor's preview re-parses only the block a keystroke changed
// (a note at the size limit took seconds per key when every key re-rendered it all).
// A cut is made only at a blank line outside a fenced code block, before a line that
// cannot continue the block above: not indented (list continuation, indented code),
// and not a list item when the block holds a list (a loose list stays one list).
// Markdown whose parts refer to each other (link reference definitions, footnotes)
// or that holds raw HTML (which may span blank lines) is not split.

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([*+-]|\d{1,9}[.)])(\s|$)/;
const NOT_SPLITTABLE = /^ {0,3}(\[[^\]]+\]:|<)/m;

export function markdownBlocks(source: string): string[] {
  if (NOT_SPLITTABLE.test(source)) return [source];
  const lines = source.split("\n");
  const blocks: string[] = [];
  let start = 0;
  let fence: string | null = null;
  let hasList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const opening = FENCE.exec(line)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && !line.trim().slice(opening.length))
        fence = null;
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    if (LIST_ITEM.test(line)) hasList = true;
    if (line.trim() !== "" || i === start) continue;
    const next = lines[i + 1];
    if (next === undefined || next.trim() === "" || /^[ \t]/.test(next) || (hasList && LIST_ITEM.test(next))) continue;
    blocks.push(lines.slice(start, i + 1).join("\n"));
    start = i + 1;
    hasList = false;
  }
  if (start < lines.length) blocks.push(lines.slice(start).join("\n"));
  return blocks;
}
