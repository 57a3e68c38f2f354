// Content cut off inside the page, for the tour (e2e/80-tour.spec.ts) and the phone
// specs: the page-wide "no sideways scroll" check cannot see a table wider than its
// card, since the card clips or scrolls it. An element is a problem when
//  - it hides part of its content (overflow hidden or clip, content larger than the box);
//  - its content spills out of its visible box (border, background or shadow) onto the page;
//  - it scrolls sideways but the keyboard cannot reach it (no tabindex), or it is taller
//    than the screen, so its scrollbar sits out of sight below content that looks whole.
// A focusable scroll region no taller than the screen is a deliberate one and passes.
// Only the innermost offender is named: its ancestors overflow because of it.
import type { Page } from "@playwright/test";

/** One line per element whose content is cut off or spills out, naming `what`. */
export async function overflowProblems(page: Page, what: string): Promise<string[]> {
  const found = await page.evaluate(() => {
    const SLACK = 1; // sub-pixel rounding
    const describe = (el: Element): string => {
      const testId = el.getAttribute("data-testid");
      const label = el.getAttribute("aria-label");
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return [
        el.tagName.toLowerCase(),
        testId ? `[data-testid=${testId}]` : "",
        label ? `[aria-label="${label}"]` : "",
        text ? ` "${text}"` : "",
      ].join("");
    };
    const hidden = (el: Element, rect: DOMRect) =>
      !el.checkVisibility({ visibilityProperty: true }) || // also inside a closed <details>
      rect.width <= 1 ||
      rect.height <= 1 || // sr-only text is clipped to 1 px on purpose
      el.closest("[hidden], [aria-hidden=true]") !== null;
    const hasBox = (style: CSSStyleDeclaration) =>
      parseFloat(style.borderRightWidth) > 0 ||
      parseFloat(style.borderLeftWidth) > 0 ||
      style.boxShadow !== "none" ||
      !/rgba\(0, 0, 0, 0\)|transparent/.test(style.backgroundColor);

    const offenders: { el: Element; problem: string }[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (!(el instanceof HTMLElement) || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
        continue; // a form field scrolls its own value
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (hidden(el, rect)) continue;
      const wide = el.scrollWidth - el.clientWidth;
      const tall = el.scrollHeight - el.clientHeight;
      const x = style.overflowX;
      const y = style.overflowY;
      if ((x === "hidden" || x === "clip") && wide > SLACK)
        offenders.push({ el, problem: `hides ${wide} px of its ${el.scrollWidth} px wide content` });
      else if ((y === "hidden" || y === "clip") && tall > SLACK)
        offenders.push({ el, problem: `hides ${tall} px of its ${el.scrollHeight} px tall content` });
      else if ((x === "auto" || x === "scroll") && wide > SLACK) {
        if (el.tabIndex < 0)
          offenders.push({ el, problem: `scrolls sideways (${wide} px) but the keyboard cannot reach it` });
        else if (rect.height > window.innerHeight)
          offenders.push({
            el,
            problem: `scrolls sideways (${wide} px) but is ${Math.round(rect.height)} px tall on a ${window.innerHeight} px screen: its scrollbar is out of sight`,
          });
      } else if (x === "visible" && wide > SLACK && hasBox(style) && el !== document.body)
        offenders.push({ el, problem: `its content spills ${wide} px past its right edge` });
    }
    return offenders
      .filter(({ el }) => !offenders.some((o) => o.el !== el && el.contains(o.el)))
      .map(({ el, problem }) => `${describe(el)} ${problem}`);
  });
  return found.map((line) => `${what}: ${line}`);
}

/** The page scrolls sideways (wider than the screen): one line naming `what`, or none. */
export async function sidewaysScroll(page: Page, what: string): Promise<string[]> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  return scrollWidth > innerWidth ? [`${what}: ${scrollWidth} px wide on a ${innerWidth} px screen`] : [];
}
