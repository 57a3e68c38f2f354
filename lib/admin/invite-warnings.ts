// Warnings on an invite line that is accepted but deserves a second look before
// its link is sent. An address mixing scripts may imitate another one (a Cyrillic
// "а" in "exаmple.org"): the admin is shown the address, the scripts, the odd
// characters with their code points, and the stored (ASCII) form that differs.
import { displayEmail } from "../auth/email";
import { mixedScripts, type ScriptName } from "../auth/spoofing";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";

const SCRIPT_NAMES = {
  Latin: "admin.bulk.scripts.latin",
  Cyrillic: "admin.bulk.scripts.cyrillic",
  Greek: "admin.bulk.scripts.greek",
  Armenian: "admin.bulk.scripts.armenian",
  Georgian: "admin.bulk.scripts.georgian",
  Cherokee: "admin.bulk.scripts.cherokee",
  Hebrew: "admin.bulk.scripts.hebrew",
  Arabic: "admin.bulk.scripts.arabic",
  Devanagari: "admin.bulk.scripts.devanagari",
  Thai: "admin.bulk.scripts.thai",
  Han: "admin.bulk.scripts.han",
  Hiragana: "admin.bulk.scripts.hiragana",
  Katakana: "admin.bulk.scripts.katakana",
  Hangul: "admin.bulk.scripts.hangul",
  Other: "admin.bulk.scripts.other",
} as const satisfies Record<ScriptName, string>;

const MAX_SHOWN = 5;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * The warning for a stored address (lib/auth/email.ts form: domain in punycode), or
 * null when its letters are all of one script. Checked as a person reads it, so a
 * domain pasted as punycode (xn--…) is caught too.
 */
export function addressWarning(stored: string, locale: Locale): string | null {
  const shown = displayEmail(stored);
  const mixed = mixedScripts(shown);
  if (!mixed) return null;
  const t = translatorFor(locale);
  const scripts = new Intl.ListFormat(locale, { type: "conjunction" }).format(
    mixed.scripts.map((s) => t(SCRIPT_NAMES[s])),
  );
  const characters = mixed.odd
    .slice(0, MAX_SHOWN)
    .map((c) => `“${c}” ${codePoint(c)}`)
    .concat(mixed.odd.length > MAX_SHOWN ? ["…"] : [])
    .join(", ");
  return t("admin.bulk.result.mixedScripts", { address: shown, scripts, characters, stored });
}
