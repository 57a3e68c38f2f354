// The one error type of the domain. lib/ throws it when a request cannot be
// served as asked; formAction (server actions) and routeHandler (route handlers)
// translate it once, into a form message or an HTTP status. Anything else that
// is thrown is a bug and reaches app/error.tsx with a digest.
// No "server-only" here: app/error.tsx (a client component) reads refusal codes.
// The message is a key of messages/<locale>/errors.json: error.message holds the
// English text (logs, tests), and the wrappers show it in the request's language.
import { createTranslator } from "next-intl";
import englishErrors from "@/messages/en/errors.json" with { type: "json" };

export const ERROR_KINDS = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "invalid",
  "rate_limited",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export type ErrorKey = keyof typeof englishErrors;
export type ErrorValues = Record<string, string | number>;

const english = createTranslator({ locale: "en", messages: { errors: englishErrors }, namespace: "errors" });

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly kind: ErrorKind,
    /** What the user is told (plain language, no internals), as a key of the errors catalogue. */
    readonly key: ErrorKey,
    /** The form field the problem belongs to, when there is one. */
    readonly field?: string,
    readonly values?: ErrorValues,
  ) {
    super(english(key, values));
  }
}

export const HTTP_STATUS: Record<ErrorKind, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
};

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
