// Course text as the page shows it: exam prompts and choices are rendered as
// inline markdown, so `code` loses its backticks.
export function shownText(markdown: string): string {
  return markdown.replace(/`/g, "");
}
