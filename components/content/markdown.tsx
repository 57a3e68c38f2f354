// Markdown rendered without any scriptable output: raw HTML is not parsed and
// rehype-sanitize drops unsafe elements, attributes and javascript:/data: URLs.
import type { ReactElement } from "react";
import ReactMarkdown, { type Options } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";

const schema = { ...defaultSchema, protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] } };
// Code blocks and tables scroll inside themselves on narrow screens; tabIndex
// lets keyboard users scroll them too (axe: scrollable-region-focusable).
const components: Options["components"] = {
  pre: ({ node: _node, ...props }) => <pre tabIndex={0} {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll" tabIndex={0}>
      <table {...props} />
    </div>
  ),
};
const options: Options = { remarkPlugins: [remarkGfm], rehypePlugins: [[rehypeSanitize, schema]], skipHtml: true, components };

// Course text (cards, phase bodies) is the same for every student, and parsing it
// is most of the cost of /review (about 40 ms for the course's 140 card faces).
// The rendered trees are kept by source text; journal text never goes in here.
const COURSE_CACHE_LIMIT = 2000;
const courseCache = new Map<string, ReactElement>();

// One line of course text (an exam prompt or choice, a card in a list): inline
// markup only (code, emphasis, links), no paragraph around it, so it fits in a
// label or a list item. Block elements are unwrapped to their text.
const inlineOptions: Options = {
  ...options,
  allowedElements: ["p", "code", "strong", "em", "del", "a", "br"],
  unwrapDisallowed: true,
  components: { ...components, p: ({ children }) => <>{children}</> },
};

function renderCourseText(source: string, inline = false): ReactElement {
  const key = `${inline ? "i" : "b"}:${source}`;
  let tree = courseCache.get(key);
  if (!tree) {
    tree = ReactMarkdown({ ...(inline ? inlineOptions : options), children: source });
    if (courseCache.size >= COURSE_CACHE_LIMIT) courseCache.delete(courseCache.keys().next().value!);
    courseCache.set(key, tree);
  }
  return tree;
}

/**
 * `course`: shared course content, cached; leave it off for anything private.
 * `lang`: the text's language when it differs from the page's (lib/content/localize.ts#foreignLang).
 */
export function Markdown({ source, course = false, lang }: { source: string; course?: boolean; lang?: string }) {
  return (
    <div className="prose-portal" lang={lang}>
      {course ? renderCourseText(source) : <ReactMarkdown {...options}>{source}</ReactMarkdown>}
    </div>
  );
}

/** Course text that sits inside a line (label, list item, heading): inline markdown, cached. */
export function InlineMarkdown({ source, lang }: { source: string; lang?: string }) {
  return (
    <span className="prose-inline" lang={lang}>
      {renderCourseText(source, true)}
    </span>
  );
}
