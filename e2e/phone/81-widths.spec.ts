// The admin's wide pages at every width from a small phone to a large screen: the
// tour looks at 1280 and 390 px only, and a table can fit both and still be cut off
// in between (the audit log's six columns were 1055 px in a 990 px card). At each
// width nothing is cut off inside its box (e2e/support/overflow.ts) and the page
// does not scroll sideways; the audit log's date filters show their whole format
// and its rows stay a few lines tall.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { visit } from "../support/key-states";
import { overflowProblems } from "../support/overflow";
import { tourPage } from "../support/tour";
import { limit } from "../support/time-limits";

const WIDTHS = [320, 360, 390, 480, 640, 768, 900, 1024, 1100, 1280, 1440, 1920];

async function problemsAt(page: Page, width: number): Promise<string[]> {
  await page.setViewportSize({ width, height: 800 });
  const problems = await overflowProblems(page, `${new URL(page.url()).pathname} at ${width} px`);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) problems.push(`at ${width} px: the page is ${scrollWidth} px wide`);
  return problems;
}

/** Date fields narrower than the browser makes one by itself (which shows all of "mm/dd/yyyy" and its button). */
async function clippedDateFields(page: Page, width: number): Promise<string[]> {
  return page.evaluate(
    (width) =>
      [...document.querySelectorAll<HTMLInputElement>("input[type=date], input[type=datetime-local]")].flatMap(
        (input) => {
          const natural = input.cloneNode() as HTMLInputElement;
          natural.style.width = "auto";
          document.body.append(natural);
          const needed = natural.getBoundingClientRect().width;
          natural.remove();
          const has = input.getBoundingClientRect().width;
          return has + 0.5 < needed
            ? [`#${input.id} at ${width} px: ${Math.round(has)} px, needs ${Math.round(needed)}`]
            : [];
        },
      ),
    width,
  );
}

test("the admin's tables fit their cards at every width from 320 to 1920 px", async ({ newContext, tour }) => {
  test.setTimeout(limit(180_000));
  const page = await tourPage(newContext, tour, "admin", { viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  for (const path of [
    "/admin/audit",
    "/admin/students",
    tour.admin[1]!,
    "/admin/gradebook",
    "/admin/gradebook?phase=1",
    "/admin/ops",
    "/admin/announcements",
    "/admin/exams",
  ]) {
    await visit(page, path);
    for (const width of WIDTHS) {
      problems.push(...(await problemsAt(page, width)));
      if (path === "/admin/audit" || path === "/admin/exams") problems.push(...(await clippedDateFields(page, width)));
    }
  }
  expect(problems).toEqual([]);
});

test("an audit row at desktop width is a few lines tall, not a column of wrapped details", async ({
  newContext,
  tour,
}) => {
  const page = await tourPage(newContext, tour, "admin", { viewport: { width: 1280, height: 800 } });
  await visit(page, "/admin/audit?views=show");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  // Each row is as tall as its content needs and no more: a detail (key=value, one a line)
  // wraps to two lines at most, and the time, action, people and request id to four. The
  // number of details varies with what other specs did in this portal, so rows are not
  // held to a fixed height.
  const problems = await rows.evaluateAll((all) =>
    all.flatMap((row) => {
      const cells = Array.from(row.querySelectorAll("td"));
      const found: string[] = [];
      for (const detail of Array.from(cells.at(-1)?.children ?? [])) {
        const lines = detail.getBoundingClientRect().height / parseFloat(getComputedStyle(detail).lineHeight);
        if (lines > 2.5) found.push(`detail "${detail.textContent}" wraps to ${lines.toFixed(1)} lines`);
      }
      for (const cell of cells.slice(0, -1)) {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const height = range.getBoundingClientRect().height;
        if (height > 80) found.push(`cell "${cell.textContent?.slice(0, 40)}" is ${height} px tall`);
      }
      return found;
    }),
  );
  expect(problems).toEqual([]);
});
