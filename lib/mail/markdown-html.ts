// An announcement's markdown as email HTML: the same parser and sanitiser the
// pages use (GitHub's schema), so nothing an admin types can script a mail client.
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

// An announcement goes to every student in one pass: its body is rendered once, not per recipient.
let last: { markdown: string; html: string } | null = null;

export function markdownToHtml(markdown: string): string {
  if (last?.markdown !== markdown) last = { markdown, html: String(processor.processSync(markdown)) };
  return last.html;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}
