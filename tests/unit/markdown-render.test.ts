import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InlineMarkdown, Markdown } from "@/components/content/markdown";

const render = (source: string, course: boolean) => renderToStaticMarkup(createElement(Markdown, { source, course }));

const hostile = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "[click](javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '<svg onload="alert(1)"><circle r="4"/></svg>',
  "| a | b |\n|---|---|\n| `code` | **bold** |",
].join("\n\n");

describe("markdown rendering", () => {
  it("renders course text from the cache exactly as without it, and stays inert", () => {
    const plain = render(hostile, false);
    expect(render(hostile, true)).toBe(plain);
    expect(render(hostile, true)).toBe(plain); // served from the cache
    expect(plain).toContain("<table>");
    expect(plain).not.toMatch(/<script|onerror|onload|javascript:|data:text|<svg/i);
  });

  it("keeps distinct texts apart in the cache", () => {
    expect(render("**one**", true)).toContain("<strong>one</strong>");
    expect(render("*two*", true)).toContain("<em>two</em>");
    expect(render("**one**", true)).not.toContain("two");
  });
});

describe("course text in another language", () => {
  it("carries its lang on the element that holds it, and none when it is the page's", () => {
    expect(renderToStaticMarkup(createElement(Markdown, { source: "Body", course: true, lang: "en" }))).toBe(
      '<div class="prose-portal" lang="en"><p>Body</p></div>',
    );
    expect(renderToStaticMarkup(createElement(InlineMarkdown, { source: "`x`", lang: "en" }))).toBe(
      '<span class="prose-inline" lang="en"><code>x</code></span>',
    );
    expect(render("Body", true)).toBe('<div class="prose-portal"><p>Body</p></div>');
  });
});
