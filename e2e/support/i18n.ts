// The interface's text in either language, for specs that run the portal in
// Spanish: `inSpanish("Save")` is the Spanish catalogue text whose English
// counterpart (same key path) reads "Save", so a spec written against today's
// English UI finds the same control in Spanish. It also accepts text as the page
// shows it, placeholders filled in ("3 of 10 answered", "Question 2"): the
// English message is matched as a pattern and the Spanish one formatted with the
// same values. `englishLeftovers` finds English interface text on a Spanish page.
import { type MessageFormatElement, TYPE, parse } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { CATALOGUES } from "../../lib/i18n/catalogues";
import { LOCALE_NAMES, type Locale } from "../../lib/i18n/locales";

export { LOCALES, type Locale } from "../../lib/i18n/locales";

/** What a missing message shows under MINIPORTAL_TEST_ROUTES. */
export { MISSING_MARKER } from "../../lib/i18n/missing";

/** What the browser asks for (Playwright's `locale`: navigator.language and Accept-Language). */
export const BROWSER_LOCALE: Record<Locale, string> = { en: "en-US", es: "es-ES" };

/** Words every language shows as they are: the brand and the language switcher's names. */
export const SAME_IN_EVERY_LANGUAGE = new Set(["Miniportal", ...Object.values(LOCALE_NAMES)]);

// ---------------------------------------------------------------------------
// ICU messages (read by @formatjs/icu-messageformat-parser, as the catalogue check
// does) turned into patterns for the text a page shows: {arg}, {n, number},
// plural/selectordinal with #, select, <tag>…</tag>.

type Node =
  | { kind: "text"; text: string }
  | { kind: "arg"; name: string; type: string }
  | { kind: "plural" | "select"; name: string; options: Record<string, Node[]> }
  | { kind: "pound" }
  | { kind: "tag"; name: string; children: Node[] };

function nodesOf(elements: MessageFormatElement[]): Node[] {
  return elements.map((el): Node => {
    switch (el.type) {
      case TYPE.literal:
        return { kind: "text", text: el.value };
      case TYPE.argument:
        return { kind: "arg", name: el.value, type: "string" };
      case TYPE.number:
        return { kind: "arg", name: el.value, type: "number" };
      case TYPE.date:
      case TYPE.time:
        return { kind: "arg", name: el.value, type: "date" };
      case TYPE.pound:
        return { kind: "pound" };
      case TYPE.tag:
        return { kind: "tag", name: el.value, children: nodesOf(el.children) };
      case TYPE.plural:
      case TYPE.select: {
        const options = Object.fromEntries(Object.entries(el.options).map(([k, o]) => [k, nodesOf(o.value)]));
        return { kind: el.type === TYPE.select ? "select" : "plural", name: el.value, options };
      }
    }
  });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const normalize = (s: string) => s.replace(/\s+/g, " ").trim();
const NUMBER = "[-+]?[\\d.,\\u00a0\\u202f ]*\\d";

type Group = { name: string; kind: "string" | "number" | "plural" | "select" | "unknown"; options?: string[] };

/** The regular expression source of nodes; top-level arguments become capturing groups. */
function patternOf(nodes: Node[], groups: Group[] | null): string {
  return nodes
    .map((n): string => {
      switch (n.kind) {
        case "text":
          return escapeRegExp(n.text).replace(/\s+/g, "\\s+");
        case "pound":
          return NUMBER;
        case "tag":
          // An empty tag is filled by the component (<time></time>: a LocalTime).
          return n.children.length ? patternOf(n.children, groups) : "[\\s\\S]*?";
        case "arg": {
          const numeric = n.type === "number";
          const kind = numeric ? "number" : n.type === "string" ? "string" : "unknown";
          if (!groups) return numeric ? NUMBER : "[\\s\\S]+?";
          groups.push({ name: n.name, kind });
          return numeric ? `(${NUMBER})` : "([\\s\\S]+?)";
        }
        case "plural":
        case "select": {
          const inner = Object.values(n.options)
            .map((o) => patternOf(o, null))
            .join("|");
          if (!groups) return `(?:${inner})`;
          groups.push({ name: n.name, kind: n.kind, options: Object.keys(n.options) });
          return `(${inner})`;
        }
      }
    })
    .join("");
}

function tagNames(nodes: Node[], into = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.kind === "tag") {
      into.add(n.name);
      tagNames(n.children, into);
    } else if (n.kind === "plural" || n.kind === "select") {
      for (const o of Object.values(n.options)) tagNames(o, into);
    }
  }
  return into;
}

/** Whether the text shown depends on more than the message: arguments, or an empty tag the component fills. */
function variable(nodes: Node[]): boolean {
  return nodes.some((n) => n.kind !== "text" && (n.kind !== "tag" || !n.children.length || variable(n.children)));
}

/** Letters outside any placeholder: a pattern with fewer than this could match anything. */
function literalLetters(nodes: Node[]): number {
  return nodes.reduce((sum, n) => {
    if (n.kind === "text") return sum + (n.text.match(/\p{L}/gu)?.length ?? 0);
    if (n.kind === "tag") return sum + literalLetters(n.children);
    return sum;
  }, 0);
}

// ---------------------------------------------------------------------------
// The catalogues, flattened to "namespace.key.path" → message.

type Message = {
  path: string;
  en: string;
  es: string | undefined;
  /** The English text as shown when the message has no placeholders (tags unwrapped), else null. */
  plain: string | null;
  pattern: RegExp | null;
  groups: Group[];
  tags: string[];
  letters: number;
};

/** Every message of a catalogue by its path ("common.nav.review"). */
export function catalogueMessages(locale: Locale): Map<string, string> {
  return flatten(CATALOGUES[locale], "", new Map());
}

function flatten(node: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof node === "string") out.set(prefix, node);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const FAILED = "\u0000failed";
const translators = Object.fromEntries(
  (["en", "es"] as const).map((locale) => [
    locale,
    createTranslator({
      locale,
      messages: CATALOGUES[locale],
      timeZone: "UTC",
      onError: () => {},
      getMessageFallback: () => FAILED,
    }),
  ]),
) as Record<Locale, ReturnType<typeof createTranslator>>;

function format(locale: Locale, message: Message, values: Record<string, string | number>): string | null {
  const tags = Object.fromEntries(message.tags.map((t) => [t, (chunks: string) => chunks]));
  try {
    const text = translators[locale].markup(message.path as never, { ...values, ...tags } as never);
    return text === FAILED ? null : normalize(text);
  } catch {
    return null;
  }
}

let messages: Message[] | null = null;
function catalogue(): Message[] {
  if (messages) return messages;
  const en = catalogueMessages("en");
  const es = catalogueMessages("es");
  messages = [...en].map(([path, text]) => {
    let nodes: Node[];
    try {
      nodes = nodesOf(parse(text));
    } catch (error) {
      throw new Error(`e2e/support/i18n: cannot read the English message ${path}: ${String(error)}`);
    }
    const hasArgs = variable(nodes);
    const groups: Group[] = [];
    const message: Message = {
      path,
      en: text,
      es: es.get(path),
      plain: null,
      pattern: hasArgs ? new RegExp(`^${patternOf(nodes, groups)}$`, "u") : null,
      groups,
      tags: [...tagNames(nodes)],
      letters: literalLetters(nodes),
    };
    if (!hasArgs) message.plain = format("en", message, {});
    return message;
  });
  return messages;
}

function numberIn(text: string): number | null {
  const match = /[-+]?\d[\d.,\u00a0\u202f ]*/.exec(text);
  if (!match) return null;
  const n = Number(match[0].replace(/[^\d-]/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** The values that make `message`'s English read `shown`, or null. */
function valuesFor(message: Message, shown: string): Record<string, string | number> | null {
  const match = message.pattern?.exec(shown);
  if (!match) return null;
  // Each group has one or more candidate values; selects try every option.
  let candidates: Record<string, string | number>[] = [{}];
  for (const [i, group] of message.groups.entries()) {
    const captured = match[i + 1] ?? "";
    let values: (string | number)[];
    if (group.kind === "string") values = [captured];
    else if (group.kind === "number" || group.kind === "plural") {
      const n = numberIn(captured);
      values = n === null ? [] : [n];
    } else if (group.kind === "select") values = group.options ?? [];
    else values = [];
    candidates = candidates.flatMap((c) => values.map((v) => ({ ...c, [group.name]: v })));
  }
  return candidates.find((values) => format("en", message, values) === shown) ?? null;
}

/** Messages whose English reads `english` (exactly, or as a pattern with these values). */
function matches(english: string, among: Message[]): { message: Message; values: Record<string, string | number> }[] {
  const shown = normalize(english);
  const exact = among.filter((m) => m.plain === shown).map((message) => ({ message, values: {} }));
  if (exact.length) return exact;
  const found = among.flatMap((message) => {
    const values = message.pattern && message.letters > 0 ? valuesFor(message, shown) : null;
    return values ? [{ message, values }] : [];
  });
  // The most specific patterns win: "Question {number}" over "{day} {count}".
  const most = Math.max(...found.map((f) => f.message.letters));
  return found.filter((f) => f.message.letters === most);
}

/**
 * The Spanish interface text whose English reads `english`. Throws when no English
 * message reads so, or when several do and their Spanish differs: then name the
 * key path, as in `inSpanish("Save", "journal.editor.save")`.
 */
export function inSpanish(english: string, path?: string): string {
  const all = catalogue();
  const among = path ? all.filter((m) => m.path === path) : all;
  if (path && !among.length) throw new Error(`inSpanish: no English catalogue key ${path}`);
  const found = matches(english, among);
  if (!found.length) {
    const shown = normalize(english).toLowerCase();
    const near = all
      .filter((m) => m.en.toLowerCase().includes(shown) || (m.plain && shown.includes(m.plain.toLowerCase())))
      .slice(0, 6)
      .map((m) => `  ${m.path}: ${JSON.stringify(m.en)}`);
    throw new Error(
      path
        ? `inSpanish: ${path} reads ${JSON.stringify(among[0]!.en)} in English, not ${JSON.stringify(english)}`
        : `inSpanish: no English catalogue message reads ${JSON.stringify(english)} (is it still hard-coded?)` +
            (near.length ? `\nmessages close to it:\n${near.join("\n")}` : ""),
    );
  }
  const spanish = new Map<string, string[]>();
  for (const { message, values } of found) {
    if (message.es === undefined) throw new Error(`inSpanish: ${message.path} has no Spanish text`);
    const text = format("es", message, values);
    if (text === null) throw new Error(`inSpanish: the Spanish of ${message.path} cannot be formatted`);
    spanish.set(text, [...(spanish.get(text) ?? []), message.path]);
  }
  if (spanish.size > 1) {
    const options = [...spanish].map(([text, paths]) => `  ${paths.join(", ")}: ${JSON.stringify(text)}`);
    throw new Error(
      `inSpanish: ${JSON.stringify(english)} has different Spanish texts; pass the key path:\n${options.join("\n")}`,
    );
  }
  return [...spanish.keys()][0]!;
}

/** Interface text in a locale: the English as given, or its Spanish (see inSpanish). */
export function uiText(locale: Locale, english: string, path?: string): string {
  return locale === "en" ? english : inSpanish(english, path);
}

/** A Spanish text, for matching a name exactly: `new RegExp(\`^${exactly(inSpanish("Good"))}$\`)`. */
export const exactly = escapeRegExp;

/**
 * Which of these texts, shown on a Spanish page, are English interface text: an
 * English catalogue message (or its pattern, placeholders filled) whose Spanish is
 * different, and which is no Spanish message either. Short strings and brand names
 * are skipped. Returns "text" (key paths) per leftover.
 */
export function englishLeftovers(texts: Iterable<string>): string[] {
  const all = catalogue();
  const spanishPlain = new Set(
    all.flatMap((m) => {
      const text = m.es !== undefined && m.plain !== null ? format("es", m, {}) : null;
      return text ? [text] : [];
    }),
  );
  const translated = all.filter((m) => m.es !== undefined && m.es !== m.en);
  const patterns = translated.filter((m) => m.pattern && m.letters >= 4);
  const out: string[] = [];
  for (const raw of new Set([...texts].map(normalize))) {
    if (raw.length < 4 || SAME_IN_EVERY_LANGUAGE.has(raw) || spanishPlain.has(raw)) continue;
    let hits = translated.filter((m) => m.plain === raw);
    if (!hits.length) hits = patterns.filter((m) => m.pattern!.test(raw));
    if (hits.length) out.push(`${JSON.stringify(raw)} (${hits.map((m) => m.path).join(", ")})`);
  }
  return out;
}
