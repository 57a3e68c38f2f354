// The one error type of the domain. lib/ throws it when a request cannot be
// served as asked; formAction (server actions) and routeHandler (route handlers)
// translate it once, into a form message or an HTTP status. Anything else that
// is thrown is a bug and reaches app/error.tsx with a digest.
// The refusal codes app/error.tsx (a client component) reads live in lib/refusal.ts.
// The message is a key of messages/<locale>/errors.json: error.message holds the
// English text (logs, tests), and the wrappers show it in the request's language.
import { createTranslator } from "next-intl";
import englishErrors from "@/messages/en/errors.json" with { type: "json" };
import { forThisBundle } from "./i18n/compiled-messages";
import { type ErrorKind } from "./refusal";

export { ERROR_KINDS, type ErrorKind, parseRefusal, refusalText } from "./refusal";

export type ErrorKey = keyof typeof englishErrors;
export type ErrorValues = Record<string, string | number>;

const english = createTranslator({
  locale: "en",
  messages: { errors: forThisBundle(englishErrors) },
  namespace: "errors",
});

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
