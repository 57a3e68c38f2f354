// Is this page wholly in the language it claims? For e2e/86-i18n-pages and the
// Spanish runs of the accessibility and phone specs: <html lang>, no missing-message
// marker (lib/i18n/missing.ts, shown under MINIPORTAL_TEST_ROUTES) in the title,
// the text or the accessible attributes, and on a Spanish page no English
// interface text (e2e/support/i18n.ts#englishLeftovers).
import type { Page } from "@playwright/test";
import { englishLeftovers, type Locale, MISSING_MARKER } from "./i18n";

type Seen = { lang: string | null; title: string; texts: string[] };

// Course content and the student's own markdown are not interface text: their
// language is the content's (checked by e2e/87-spanish-journey for phase 1).
const NOT_INTERFACE = "script, style, noscript, template, textarea, .prose-portal, .prose-inline";
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
  return problems;
}
