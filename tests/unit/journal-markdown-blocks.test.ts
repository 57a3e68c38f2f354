// The preview's blocks (lib/journal/markdown-blocks.ts) render together exactly as the
// whole note does, so splitting for speed never changes what the student sees.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/content/markdown";
import { markdownBlocks } from "@/lib/journal/markdown-blocks";

/** The rendered HTML inside the wrapper, whitespace between tags dropped. */
const html = (source: string) =>
  renderToStaticMarkup(createElement(Markdown, { source }))
    .replace(/^<div class="prose-portal">|<\/div>$/g, "")
    .replace(/>\s+</g, "><")
    .trim();
const split = (source: string) => markdownBlocks(source).map(html).join("");

const note = [
  "# Notes",
  "",
  "A paragraph with `code` and a [link](https://example.org).",
  "",
  "- loose item one",
  "",
  "- loose item two",
  "",
  "  continued inside item two",
  "",
  "1. first",
  "2. second",
  "",
  "```ts",
  "const a = 1;",
  "",
  "const b = 2;",
  "```",
  "",
  "~~~",
  "```",
  "",
  "still code",
  "~~~",
  "",
  "    indented code",
  "",
  "    more indented code",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "",
  "> quoted",
  "",
  "Setext heading",
  "==============",
  "",
  "مرحبا بالعالم",
  "",
].join("\n");

describe("markdownBlocks", () => {
  it("splits a note into blocks that render as the whole note does", () => {
    const blocks = markdownBlocks(note);
    expect(blocks.length).toBeGreaterThan(8);
    expect(blocks.join("\n")).toBe(note);
    expect(split(note)).toBe(html(note));
  });

  it("keeps fenced code, loose lists and indented continuations in one block", () => {
    const blocks = markdownBlocks(note);
    expect(blocks.find((b) => b.includes("const a"))).toContain("const b = 2;");
    expect(blocks.find((b) => b.includes("loose item one"))).toContain("continued inside item two");
    expect(blocks.find((b) => b.includes("still code"))).toMatch(/^~~~\n```\n\nstill code\n~~~/);
    expect(blocks.find((b) => b.includes("    indented code"))).toContain("more indented code");
  });

  it("does not split markdown whose parts refer to each other, or raw HTML", () => {
    for (const source of [
      "See [the docs][d].\n\nMore text.\n\n[d]: https://example.org\n",
      "A claim.[^1]\n\nMore.\n\n[^1]: The source.\n",
      "<!-- a comment\n\nspanning blank lines -->\n\nText.\n",
    ]) {
      expect(markdownBlocks(source)).toEqual([source]);
      expect(split(source)).toBe(html(source));
    }
  });

  it("an unclosed fence runs to the end, as it renders", () => {
    const source = "Intro.\n\n```\ncode\n\nstill code";
    expect(markdownBlocks(source)).toEqual(["Intro.\n", "```\ncode\n\nstill code"]);
    expect(split(source)).toBe(html(source));
  });
});
