// Course markdown as an HTML string for the offline deck, through the same parser
// and sanitiser as the pages (GitHub's schema; raw HTML dropped; links http(s) and
// mailto only, images http(s)), so what the browser keeps cannot script the page.
import "server-only";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
};
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeStringify)
  .freeze();

// Course text is the same for every student: rendered once per text.
const cache = new Map<string, string>();
const LIMIT = 2000;

export function cardHtml(markdown: string): string {
  let html = cache.get(markdown);
  if (html === undefined) {
    html = String(processor.processSync(markdown));
    if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(markdown, html);
  }
  return html;
}
