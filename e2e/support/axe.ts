// The accessibility bar of the tour (e2e/80-tour): axe-core's WCAG 2.1 A/AA rules,
// and no violation of impact "serious" or "critical" on the page as it is now.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** The rules whose outcome depends on colours: all that can change between light and dark mode. */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * The serious and critical violations on the page as it is now, one line each naming
 * `what`: every WCAG 2.1 A/AA rule, or only `rules` (the colour rules, for a second
 * colour scheme of a page whose structure the first pass already checked).
 */
export async function seriousViolations(page: Page, what: string, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const result = await (rules ? builder.withRules(rules) : builder.withTags(WCAG_21_AA)).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${what}: ${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`)
          .join(" | ")}`,
    );
}
