// Inline code that holds backticks: the course files write it between double
// backticks, the renderer shows it whole, and the import refuses what would
// render without its backticks (naming the file, the question and the choice).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { InlineMarkdown } from "@/components/content/markdown";
import { codeSpanProblem } from "@/lib/content/code-spans";
import { readCourse } from "@/lib/content/course-files";

const CODE = "log.info(`user ${id} exported ${n} rows`)";
const inline = (source: string) => renderToStaticMarkup(createElement(InlineMarkdown, { source }));

function course(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mp-code-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const exam = (choice: string) =>
  "questions:\n  - id: variable-message\n    kind: single\n    prompt: Which call?\n    choices:\n" +
  `      - id: a\n        text: ${JSON.stringify(choice)}\n      - id: b\n        text: B\n        correct: true\n`;
const files = (choice: string, extra: Record<string, string> = {}) => ({
  "phases/01-logs/phase.md": "---\nnumber: 1\nslug: logs\ntitle: Logs\nsummary: S\n---\nBody\n",
  "phases/01-logs/exam.yaml": exam(choice),
  ...extra,
});

describe("inline code holding backticks", () => {
  it("renders whole between double backticks, and in pieces between single ones", () => {
    expect(inline(`\`\` ${CODE} \`\``)).toBe(`<span class="prose-inline"><code>${CODE}</code></span>`);
    // What the course used to hold: the template literal's backticks became the code's delimiters.
    expect(inline(CODE)).toBe('<span class="prose-inline">log.info(<code>user ${id} exported ${n} rows</code>)</span>');
  });

  it("accepts code spans as prose uses them and code written between double backticks", () => {
    for (const ok of [
      `\`\` ${CODE} \`\``,
      "`console.log('export', id, n)`",
      "A counter (`http_requests_total`) only goes up.",
      "`PRODUCER`/`CONSUMER` spans, `le` bound, the `__Host-` prefix.",
      "An escaped \\` shows as it is.",
      "```\nfenced `code` block\n```",
      "No code at all.",
    ]) {
      expect(codeSpanProblem(ok), ok).toBeNull();
    }
  });

  it("refuses code that would lose its backticks or a backtick that opens nothing", () => {
    expect(codeSpanProblem(CODE)).toMatch(/code span `user \$\{id\} exported \$\{n\} rows` is glued/);
    expect(codeSpanProblem("`a`b`c`")).toMatch(/glued/);
    expect(codeSpanProblem("say `hello")).toMatch(/unmatched backtick/);
    expect(codeSpanProblem("`` one ` two")).toMatch(/unmatched backtick/);
    expect(codeSpanProblem(CODE)).toContain("`` log.info(`user ${id}`) ``"); // how to write it instead
  });

  it("the import names the file, question and choice of such content, and the shipped course has none", () => {
    const dir = course(files(CODE));
    expect(() => readCourse(dir)).toThrow(
      `${path.join(dir, "phases/01-logs/exam.yaml")}: question "variable-message" choice "a": the code span`,
    );
    expect(() => readCourse(course(files(`\`\` ${CODE} \`\``)))).not.toThrow();
    // Translations and cards are held to the same rule.
    const es =
      "questions:\n  - id: variable-message\n    prompt: ¿Cuál?\n    choices:\n" +
      `      - {id: a, text: ${JSON.stringify(CODE)}}\n      - {id: b, text: B}\n`;
    expect(() => readCourse(course(files(`\`\` ${CODE} \`\``, { "phases/01-logs/exam.es.yaml": es })))).toThrow(
      /exam\.es\.yaml: question "variable-message" choice "a"/,
    );
    const cards = "- {id: c1, front: 'Run `ls`now', back: B}\n";
    expect(() => readCourse(course(files("A", { "phases/01-logs/cards.yaml": cards })))).toThrow(
      /cards\.yaml: card "c1" front: the code span `ls` is glued/,
    );
    const [logs] = readCourse(path.resolve("content"));
    const choice = logs!.questions.find((q) => q.id === "variable-message")!.choices.find((c) => c.id === "a")!;
    expect(inline(choice.text)).toContain(`<code>${CODE}</code>`);
  });
});
