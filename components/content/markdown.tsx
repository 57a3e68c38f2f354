// Markdown rendered without any scriptable output: raw HTML is not parsed and
// rehype-sanitize drops unsafe elements, attributes and javascript:/data: URLs.
import ReactMarkdown from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";

const schema = { ...defaultSchema, protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] } };

export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose-portal">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[[rehypeSanitize, schema]]} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
