// Is this page wholly in the language it claims? For e2e/86-i18n-pages and the
// Spanish runs of the accessibility and phone specs: <html lang>, no missing-message
// marker (lib/i18n/missing.ts, shown under MINIPORTAL_TEST_ROUTES) in the title,
// the text or the accessible attributes, and on a Spanish page no English
// interface text (e2e/support/i18n.ts#englishLeftovers), English course text
// (untranslated items) only inside lang="en", and then the page's one note saying so.
import type { Page } from "@playwright/test";
import { untranslatedTexts } from "./course-text";
import { englishLeftovers, type Locale, MISSING_MARKER } from "./i18n";

type Seen = { lang: string | null; title: string; texts: string[] };

// Course content and the student's own markdown (its preview, and the journal's editor,
// .note-editor) are not interface text: their language is the content's (checked by
// e2e/87-spanish-journey for phase 1).
const NOT_INTERFACE = "script, style, noscript, template, textarea, .note-editor, .prose-portal, .prose-inline";
const ATTRIBUTES = ["aria-label", "aria-description", "aria-roledescription", "title", "placeholder", "alt"];

async function seen(page: Page): Promise<Seen> {
  return page.evaluate(
    ({ skip, attributes }) => {
      const clean = (s: string) => s.replace(/\s+/g, " ").trim();
      const texts = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest(skip)) continue;
        const text = clean(node.nodeValue ?? "");
        if (text) texts.add(text);
      }
      for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(skip)) continue;
        // An element's whole text too: "3 of 10 answered" may be several text nodes.
        const whole = clean(el.textContent ?? "");
        if (whole && whole.length <= 300) texts.add(whole);
        for (const name of attributes) {
          const value = clean(el.getAttribute(name) ?? "");
          if (value) texts.add(value);
        }
        if (el instanceof HTMLInputElement && ["submit", "button", "reset"].includes(el.type) && el.value)
          texts.add(clean(el.value));
      }
      return { lang: document.documentElement.getAttribute("lang"), title: document.title, texts: [...texts] };
    },
    { skip: NOT_INTERFACE, attributes: ATTRIBUTES },
  );
}

/** What is wrong with the language of the page as it is now, one line per problem, each naming `what`. */
export async function languageProblems(page: Page, what: string, locale: Locale): Promise<string[]> {
  const { lang, title, texts } = await seen(page);
  const problems: string[] = [];
  if (lang !== locale) problems.push(`${what}: <html lang="${lang}">, expected "${locale}"`);
  if (title.includes(MISSING_MARKER)) problems.push(`${what}: missing message in <title>: ${title}`);
  const missing = new Set(texts.flatMap((t) => t.match(/⟦missing:[^⟧]*⟧/g) ?? []));
  for (const marker of missing) problems.push(`${what}: missing message ${marker}`);
  if (locale === "es") {
    const titleParts = title.split(" · ");
    for (const text of englishLeftovers([...titleParts, ...texts]))
      problems.push(`${what}: English text on the Spanish page: ${text}`);
  }
  if (locale !== "en") problems.push(...(await courseLanguageProblems(page, what, locale)));
  return problems;
}

const untranslated = new Map<Locale, string[]>();

/**
 * Course text shown in English on a page in `locale` must sit inside an element
 * whose lang is "en" (WCAG 3.1.2), and the page then shows its note that some
 * course text is only in English, once. Each text is looked for in the deepest
 * elements holding it whole (a title inside "Examen · …", a choice split by code).
 */
export async function courseLanguageProblems(page: Page, what: string, locale: Locale): Promise<string[]> {
  let texts = untranslated.get(locale);
  // Short texts ("6", "99%", "Role" in a table) could be anyone's: only words long enough to be this item's.
  if (!texts)
    untranslated.set(locale, (texts = untranslatedTexts(locale).filter((t) => t.length >= 10 && /\p{L}/u.test(t))));
  const { unmarked, found, notes } = await page.evaluate((texts) => {
    const clean = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
    const skip = "script, style, noscript, template, textarea, .note-editor";
    const body = clean(document.body.textContent);
    const unmarked: string[] = [];
    let found = 0;
    const deepest = (el: Element, text: string): Element[] => {
      const inner = [...el.children].filter((c) => !c.matches(skip) && clean(c.textContent).includes(text));
      return inner.length ? inner.flatMap((c) => deepest(c, text)) : [el];
    };
    for (const text of texts) {
      if (!body.includes(text)) continue;
      for (const el of deepest(document.body, text)) {
        if (el === document.body) continue; // split over blocks: not one item's text
        found++;
        const lang = el.closest("[lang]")?.getAttribute("lang");
        if (lang !== "en") unmarked.push(`<${el.tagName.toLowerCase()} lang="${lang}"> ${text.slice(0, 80)}`);
      }
    }
    const notes = [...document.querySelectorAll("[data-testid=untranslated-note]")].filter(
      (n) => (n as HTMLElement).offsetParent !== null,
    ).length;
    return { unmarked, found, notes };
  }, texts);
  const problems = unmarked.map((u) => `${what}: English course text without lang="en": ${u}`);
  if (found && notes !== 1)
    problems.push(`${what}: English course text shown, and ${notes} notes saying so (expected 1)`);
  return problems;
}
