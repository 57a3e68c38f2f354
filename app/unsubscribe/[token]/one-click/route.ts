// RFC 8058 one-click unsubscribe: the target of the List-Unsubscribe header. Mail
// providers POST List-Unsubscribe=One-Click here from their own servers, without
// cookies or a CSRF token, so proxy.ts exempts exactly this path from its
// cross-site checks (lib/security/proxy-guard.ts says why); the signed token is the
// whole authority. Answers: 200 done (again on a repeat), 400 not a one-click body,
// 404 a bad token (forged, or for an account that is gone: never told apart), 429.
import { requestLocale } from "@/lib/i18n/request-locale";
import { translatorFor } from "@/lib/i18n/translate";
import { plainText } from "@/lib/http/plain-text";
import { routeHandler } from "@/lib/http/route-handler";
import { isOneClickRequest } from "@/lib/mail/one-click";
import { applyUnsubscribe } from "@/lib/mail/preferences";
import { currentRequestId } from "@/lib/observability/request-context";
import { env } from "@/lib/env";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import { rateLimitedMessage } from "@/lib/security/request-guards";
import { beginInvite, inviteSucceeded } from "@/lib/security/throttles";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

// A mail client without one-click support opens the link in a browser: the page
// asks first (a GET never changes anything; link scanners open links too).
export async function GET(_request: Request, { params }: Context) {
  const { token } = await params;
  return new Response(null, {
    status: 303,
    headers: { location: `/unsubscribe/${encodeURIComponent(token)}`, "cache-control": "no-store" },
  });
}

export const POST = routeHandler(async (request: Request, { params }: Context) => {
  const [{ token }, locale, requestId] = await Promise.all([params, requestLocale(), currentRequestId()]);
  // The request's own headers (what headers() would give), so the handler also runs outside Next in tests.
  const ip = clientIpFromHeaders(request.headers, env().MINIPORTAL_TRUSTED_PROXIES);
  const t = translatorFor(locale);
  // Paid before the token is looked up, as invite links are; a success gives it back.
  const gate = await beginInvite(ip);
  if (!gate.ok) {
    const message = await rateLimitedMessage(gate, "/unsubscribe/[token]/one-click", locale);
    return plainText(429, message, { "retry-after": String(gate.retryAfterSeconds) });
  }
  if (!(await isOneClickRequest(request))) return plainText(400, t("account.unsubscribe.oneClickBadBody"));
  const result = await applyUnsubscribe(token, requestId);
  if (!result) return plainText(404, t("account.unsubscribe.invalidTitle"));
  await inviteSucceeded(ip);
  return plainText(200, t("account.unsubscribe.oneClickDone", { scope: result.scope }));
});
