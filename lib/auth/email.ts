// One stored form for email addresses: trimmed, lower-case, and the domain in
// its ASCII (punycode) form, so "ana@MÜNCHEN.de" and "ana@xn--mnchen-3ya.de"
// are one account and the address validates as ASCII. An internationalised
// domain is shown back in Unicode (displayEmail). Server-side (node:url).
import { domainToASCII, domainToUnicode } from "node:url";

export function normalizeEmail(raw: string): string {
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf("@");
  if (at < 1 || at === value.length - 1) return value;
  const domain = value.slice(at + 1);
  // Plain ASCII domains stay as typed; domainToASCII answers "" for a domain that cannot exist.
  const ascii = /^[\x21-\x7e]+$/.test(domain) ? domain : domainToASCII(domain);
  return `${value.slice(0, at)}@${ascii}`;
}

/** A stored address as a person reads it: a punycode domain back in Unicode. */
export function displayEmail(stored: string): string {
  const at = stored.lastIndexOf("@");
  if (at < 1 || !stored.includes("xn--", at)) return stored;
  const unicode = domainToUnicode(stored.slice(at + 1));
  return unicode ? `${stored.slice(0, at)}@${unicode}` : stored;
}
