// The few facts a student flow reads from server-rendered pages. Tolerant
// regular expressions over React's HTML output; each returns null when absent.

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  "#x27": "'",
  nbsp: "\u00a0",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name in ENTITIES) return ENTITIES[name]!;
    if (/^#x/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (/^#\d/.test(name)) return String.fromCodePoint(Number(name.slice(1)));
    return whole;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]!) : null;
}

/** Every <input> as {name, value, type}. */
export function inputs(html: string): { name: string; value: string; type: string }[] {
  return [...html.matchAll(/<input\b[^>]*>/g)].flatMap(([tag]) => {
    const name = attr(tag, "name");
    return name ? [{ name, value: attr(tag, "value") ?? "", type: attr(tag, "type") ?? "text" }] : [];
  });
}

/**
 * The journal text as the notes page serves it: the editor (CodeMirror) mounts in the
 * browser, and until then the page shows the text in `note-text-loading`, or the
 * placeholder in a <span> when there is none (a note's own "<" arrives escaped).
 */
export function noteText(html: string): string | null {
  const m = /data-testid="note-text-loading"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  if (!m) return null;
  return m[1]!.startsWith("<span") ? "" : decodeEntities(m[1]!);
}

/** The version the editor starts from: "· version N" in the save status, 0 when never saved. */
export function noteVersion(html: string): number | null {
  const status = /data-testid="save-status"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  if (status === undefined) return null;
  const m = /version\s*(?:<!-- -->)?\s*(\d+)/.exec(status);
  return m ? Number(m[1]) : 0;
}

/** The card shown first on /review, or null when nothing is due. */
export function firstDueCard(html: string): string | null {
  return /data-card-id="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** The exam form's fields with the first choice of every question picked. */
export function examAnswers(html: string): [string, string][] | null {
  const all = inputs(html);
  const hidden = ["phase", "startToken", "questionIds"].map((n) => all.find((i) => i.name === n));
  if (hidden.some((h) => !h)) return null;
  const picked = new Map<string, string>();
  for (const i of all) if (i.name.startsWith("q.") && !picked.has(i.name)) picked.set(i.name, i.value);
  return [...hidden.map((h) => [h!.name, h!.value] as [string, string]), ...picked.entries()];
}
