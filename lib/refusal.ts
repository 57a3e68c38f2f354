// How a refusal made before an action runs travels to the browser, and the kinds of
// DomainError (lib/errors.ts). Apart from that file because app/error.tsx, a client
// component on every page, reads these codes and nothing else of it.
export const ERROR_KINDS = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "invalid",
  "rate_limited",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

// Refusals made by proxy.ts before an action runs reach the browser as the text
// of a plain-text response, which Next turns into an Error's message. The kind
// travels in front of the message so app/error.tsx recognises it by code.
const SEPARATOR = ": ";

export function refusalText(kind: ErrorKind, message: string): string {
  return `${kind}${SEPARATOR}${message}`;
}

/** The refusal carried by an error message, or null for any other error. */
export function parseRefusal(text: string): { kind: ErrorKind; message: string } | null {
  const at = text.indexOf(SEPARATOR);
  if (at < 0) return null;
  const kind = text.slice(0, at);
  if (!(ERROR_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as ErrorKind, message: text.slice(at + SEPARATOR.length) };
}
