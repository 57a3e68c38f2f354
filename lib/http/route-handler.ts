// Route handlers' half of the error convention: a DomainError thrown by lib/ (or
// by handlerUser) becomes its HTTP status with the message as plain text, here
// and nowhere else. Anything else propagates to Next as a 500.
import { getCurrentUser } from "../auth/current-user";
import { assertRole, type Role, type SessionUser } from "../auth/session-user";
import { DomainError, type ErrorKey, HTTP_STATUS } from "../errors";
import { requestLocale } from "../i18n/request-locale";
import { translatorFor } from "../i18n/translate";

export function routeHandler<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const text = translatorFor(await requestLocale())(`errors.${error.key}`, error.values);
      return new Response(text, {
        status: HTTP_STATUS[error.kind],
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
  };
}

/** The signed-in user of a route handler, of the given role: 401 or 403 (through routeHandler) otherwise. */
export async function handlerUser(
  role: Role,
  messages: { signedOut: ErrorKey; wrongRole: ErrorKey },
): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new DomainError("unauthenticated", messages.signedOut);
  assertRole(user, role, messages.wrongRole);
  return user;
}
