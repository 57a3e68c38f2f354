// How course text writes inline code, checked with the parser the renderer uses
// (react-markdown: remark-parse + remark-gfm), so the import and the page agree.
// CommonMark: `code` is a code span; code that holds backticks goes between
// double backticks with a space inside each end: `` log.info(`user ${id}`) ``.
// Written with single backticks, such code splits into pieces and renders
// without its backticks ("log.info(" + "user ${id}" + ")"); the import refuses it.
import type { Nodes, Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Course markdown as the renderer parses it. */
export function parseCourseMarkdown(source: string): Root {
  return parser.parse(source);
}

// A code span may follow a space, punctuation or an opening bracket after a space
// ("(`user_id`)"), but not a word, nor a call's bracket ("info(`"): there the
// backtick was meant as part of the code.
const GLUED_BEFORE = /(?:[\p{L}\p{N}_$]|[\p{L}\p{N}_$.\])][([{])$/u;
const GLUED_AFTER = /^[\p{L}\p{N}_$]/u;
const HINT = "write code that holds backticks between double backticks: `` log.info(`user ${id}`) ``";

function visit(node: Nodes, each: (node: Nodes) => void): void {
  each(node);
  if ("children" in node) for (const child of node.children) visit(child, each);
}

/** Why this markdown would not render as written (a backtick shown, or code split apart), or null. */
export function codeSpanProblem(source: string): string | null {
  if (!source.includes("`")) return null; // most course text: no need to parse it
  let problem: string | null = null;
  visit(parseCourseMarkdown(source), (node) => {
    if (problem || !node.position) return;
    const start = node.position.start.offset ?? 0;
    const end = node.position.end.offset ?? 0;
    if (node.type === "text") {
      // A backtick left in text opened no code span (an escaped \` is meant to show).
      const raw = source.slice(start, end);
      const escaped = raw.match(/\\`/g)?.length ?? 0;
      if ((node.value.match(/`/g)?.length ?? 0) > escaped) {
        problem = `an unmatched backtick in "${raw.trim()}"; ${HINT}`;
      }
    } else if (node.type === "inlineCode") {
      if (GLUED_BEFORE.test(source.slice(Math.max(0, start - 2), start)) || GLUED_AFTER.test(source.slice(end))) {
        problem = `the code span ${source.slice(start, end)} is glued to the text around it, so it would lose its backticks; ${HINT}`;
      }
    }
  });
  return problem;
}
