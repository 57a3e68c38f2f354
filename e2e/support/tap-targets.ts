// Target size, WCAG 2.2 success criterion 2.5.8 (Target Size, Minimum, AA), for the
// tour's phone-width look at every page (e2e/80-tour.spec.ts). Every visible link,
// button, form field, summary and [role=button] is at least 24 × 24 CSS px, except
//  - spacing: an undersized target passes when a 24 px circle centred on it touches no
//    other target and no other undersized target's circle;
//  - inline: a link inside a sentence, whose height the line of text sets.
// A checkbox or radio counts with the label wrapped around it (a click there toggles it).
import type { Page } from "@playwright/test";

const MIN = 24;

/** One line per target that is too small and too close to another, naming `what`. */
export async function tapTargetProblems(page: Page, what: string): Promise<string[]> {
  const found = await page.evaluate((min) => {
    type Box = { left: number; top: number; right: number; bottom: number };
    type Target = { el: Element; box: Box };
    const SELECTOR = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]";

    const blockOf = (el: Element): Element => {
      let at: Element = el;
      while (at.parentElement && getComputedStyle(at).display.startsWith("inline")) at = at.parentElement;
      return at;
    };
    /** Letters beside the link on its lines: text nodes of its block that are not in it or in a nested block. */
    const inSentence = (link: Element): boolean => {
      if (getComputedStyle(link).display !== "inline") return false;
      const block = blockOf(link.parentElement ?? link);
      const texts: string[] = [];
      const walk = (node: Node) => {
        for (const child of node.childNodes) {
          if (child === link) continue;
          if (child.nodeType === Node.TEXT_NODE) texts.push(child.nodeValue ?? "");
          else if (child instanceof Element && getComputedStyle(child).display.startsWith("inline")) walk(child);
        }
      };
      walk(block);
      return /\p{L}/u.test(texts.join(""));
    };
    // Not inside a closed <details> or a hidden menu; sr-only elements are clipped to 1 px and cannot be tapped.
    const visible = (el: Element, rect: DOMRect) =>
      el.checkVisibility({ visibilityProperty: true }) && rect.width > 1 && rect.height > 1;
    const boxOf = (el: Element): Box => {
      const own = el.getBoundingClientRect();
      const label = el.closest("label");
      if (!label || !(el instanceof HTMLInputElement) || !["checkbox", "radio"].includes(el.type)) return own;
      const around = label.getBoundingClientRect();
      return { left: around.left, top: around.top, right: around.right, bottom: around.bottom };
    };

    const targets: Target[] = [];
    const exempt = new Set<Element>();
    for (const el of document.querySelectorAll(SELECTOR)) {
      const rect = el.getBoundingClientRect();
      if (!visible(el, rect)) continue;
      if (el.parentElement?.closest(SELECTOR)) continue; // a control inside another is one target
      targets.push({ el, box: boxOf(el) });
      if (el.tagName === "A" && inSentence(el)) exempt.add(el);
    }

    const width = (b: Box) => b.right - b.left;
    const height = (b: Box) => b.bottom - b.top;
    const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 });
    const small = (t: Target) => width(t.box) < min - 0.5 || height(t.box) < min - 0.5;
    const distanceToBox = (p: { x: number; y: number }, b: Box) =>
      Math.hypot(Math.max(b.left - p.x, 0, p.x - b.right), Math.max(b.top - p.y, 0, p.y - b.bottom));
    const radius = min / 2;

    const describe = (el: Element): string => {
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      const kind = el instanceof HTMLInputElement ? `input[type=${el.type}]` : el.tagName.toLowerCase();
      return `${kind}${name ? ` "${name}"` : ""}`;
    };

    const problems: string[] = [];
    for (const t of targets) {
      if (!small(t) || exempt.has(t.el)) continue;
      const c = centre(t.box);
      const crowding = targets.find(
        (other) =>
          other !== t &&
          !other.el.contains(t.el) &&
          !t.el.contains(other.el) &&
          (distanceToBox(c, other.box) < radius ||
            (small(other) &&
              !exempt.has(other.el) &&
              Math.hypot(c.x - centre(other.box).x, c.y - centre(other.box).y) < min)),
      );
      if (crowding)
        problems.push(
          `${describe(t.el)} is ${Math.round(width(t.box))}×${Math.round(height(t.box))} px, within ${radius} px of ${describe(crowding.el)}`,
        );
    }
    return problems;
  }, MIN);
  return found.map((line) => `${what}: ${line}`);
}
