// Text that shows as something it is not. Invisible format characters (zero-width
// spaces and joiners, word joiner, byte-order mark, fillers) make two names that
// look the same differ, and ride along from copied documents and CSV files: they are
// removed from names and pasted lists. Letters of several scripts in one address
// ("exаmple.org" with a Cyrillic "а") are the classic homograph: they are reported,
// so an admin can check the address before sending it a link.

/**
 * Invisible format characters: soft hyphen, combining grapheme joiner, Hangul
 * fillers, Mongolian vowel separator, zero-width space / non-joiner / joiner, word
 * joiner and invisible operators, deprecated format controls, BOM, tag characters.
 * (Bidirectional controls are BIDI_CONTROLS in schemas.ts.)
 */
const INVISIBLE_FORMAT =
  /[\u00AD\u034F\u115F\u1160\u180E\u200B-\u200D\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE_FORMAT, "");
}

/** Scripts told apart by name; letters of any other script count as "Other". */
export const SCRIPTS = [
  "Latin",
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Cherokee",
  "Hebrew",
  "Arabic",
  "Devanagari",
  "Thai",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
] as const;

export type ScriptName = (typeof SCRIPTS)[number] | "Other";

const SCRIPT_TESTS = SCRIPTS.map((name) => ({ name, test: new RegExp(`^\\p{Script=${name}}$`, "u") }));
// Digits, punctuation (@ . - _ +) and combining marks belong to no script of their own.
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/** The script of one character, or null for one shared by all scripts. */
export function scriptOf(char: string): ScriptName | null {
  if (NEUTRAL.test(char)) return null;
  return SCRIPT_TESTS.find((s) => s.test.test(char))?.name ?? "Other";
}

export type MixedScripts = {
  /** Every script in the text, in order of first appearance. */
  scripts: ScriptName[];
  /** The distinct characters not of the first script: the ones to look at. */
  odd: string[];
};

/** How a text mixes scripts, or null when its letters all belong to one. */
export function mixedScripts(text: string): MixedScripts | null {
  const scripts: ScriptName[] = [];
  const odd: string[] = [];
  for (const char of text) {
    const script = scriptOf(char);
    if (!script) continue;
    if (!scripts.includes(script)) scripts.push(script);
    if (script !== scripts[0] && !odd.includes(char)) odd.push(char);
  }
  return scripts.length > 1 ? { scripts, odd } : null;
}
