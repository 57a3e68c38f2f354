// A line diff for the journal's conflict view: which lines the saved version
// has that the student's text does not, and the other way round. Common
// leading and trailing lines are matched first; the middle is a longest common
// subsequence. A middle too large for that (notes are at most 256 KiB) is shown
// as all removed, then all added: still correct, just less precise. Pure.
export type DiffLine = { kind: "same" | "removed" | "added"; text: string };

/** Above this many cells (middle lines of one × the other) the LCS table is skipped. */
export const MAX_DIFF_CELLS = 4_000_000;

function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n?/g, "\n").split("\n");
}

/** How `from` becomes `to`, line by line: removed lines come before the added lines that replace them. */
export function lineDiff(from: string, to: string): DiffLine[] {
  const a = splitLines(from);
  const b = splitLines(to);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffLine[] = a.slice(0, start).map((text) => ({ kind: "same", text }));
  const tail: DiffLine[] = a.slice(endA).map((text) => ({ kind: "same", text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  return [...head, ...diffMiddle(midA, midB), ...tail];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removedAll = a.map((text): DiffLine => ({ kind: "removed", text }));
  const addedAll = b.map((text): DiffLine => ({ kind: "added", text }));
  if (!a.length || !b.length || a.length * b.length > MAX_DIFF_CELLS) return [...removedAll, ...addedAll];
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..], row-major.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] =
        a[i] === b[j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: "same", text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) out.push({ kind: "removed", text: a[i++]! });
    else out.push({ kind: "added", text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: "removed", text: a[i++]! });
  while (j < b.length) out.push({ kind: "added", text: b[j++]! });
  return out;
}
