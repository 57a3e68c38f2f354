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

function renderCourseText(source: string): ReactElement {
  let tree = courseCache.get(source);
  if (!tree) {
    tree = ReactMarkdown({ ...options, children: source });
    if (courseCache.size >= COURSE_CACHE_LIMIT) courseCache.delete(courseCache.keys().next().value!);
    courseCache.set(source, tree);
  }
  return tree;
}

/** `course`: shared course content, cached; leave it off for anything private. */
export function Markdown({ source, course = false }: { source: string; course?: boolean }) {
  return (
    <div className="prose-portal">
      {course ? renderCourseText(source) : <ReactMarkdown {...options}>{source}</ReactMarkdown>}
    </div>
  );
}
