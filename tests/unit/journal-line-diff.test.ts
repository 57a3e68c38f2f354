import { describe, expect, it } from "vitest";
import { lineDiff, MAX_DIFF_CELLS } from "@/lib/journal/line-diff";

const view = (from: string, to: string) =>
  lineDiff(from, to).map((l) => `${l.kind === "same" ? " " : l.kind === "added" ? "+" : "-"}${l.text}`);

describe("lineDiff", () => {
  it("marks identical texts as unchanged", () => {
    expect(view("a\nb", "a\nb")).toEqual([" a", " b"]);
    expect(view("", "")).toEqual([]);
  });

  it("finds added, removed and changed lines in the middle", () => {
    expect(view("a\nb\nc", "a\nc")).toEqual([" a", "-b", " c"]);
    expect(view("a\nc", "a\nb\nc")).toEqual([" a", "+b", " c"]);
    expect(view("a\nb\nc", "a\nB\nc")).toEqual([" a", "-b", "+B", " c"]);
  });

  it("keeps the longest common run of lines when both sides changed around it", () => {
    expect(view("x\nkeep 1\nkeep 2\ny", "keep 1\nkeep 2\nz")).toEqual(["-x", " keep 1", " keep 2", "-y", "+z"]);
  });

  it("treats an empty side as all added or all removed, and Windows line ends as lines", () => {
    expect(view("", "one\ntwo")).toEqual(["+one", "+two"]);
    expect(view("one\r\ntwo", "")).toEqual(["-one", "-two"]);
    expect(view("one\r\ntwo", "one\ntwo")).toEqual([" one", " two"]);
  });

  it("falls back to removed-then-added for a middle too large to compare, still complete", () => {
    const n = Math.ceil(Math.sqrt(MAX_DIFF_CELLS)) + 1;
    const a = Array.from({ length: n }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: n }, (_, i) => `b${i}`).join("\n");
    const diff = lineDiff(`head\n${a}\ntail`, `head\n${b}\ntail`);
    expect(diff).toHaveLength(2 * n + 2);
    expect(diff[0]).toEqual({ kind: "same", text: "head" });
    expect(diff[1]).toEqual({ kind: "removed", text: "a0" });
    expect(diff[n + 1]).toEqual({ kind: "added", text: "b0" });
    expect(diff.at(-1)).toEqual({ kind: "same", text: "tail" });
  });
});
