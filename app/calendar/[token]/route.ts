// A student's calendar feed (iCalendar), subscribed to from a calendar app: no
// session, the secret in the URL is the whole authority (lib/calendar/feed.ts).
// Guesses share the invite links' budget per address; a feed served gives it back.
import { calendarForSecret } from "@/lib/calendar/feed";
import { env } from "@/lib/env";
import { plainText } from "@/lib/http/plain-text";
import { routeHandler } from "@/lib/http/route-handler";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translatorFor } from "@/lib/i18n/translate";
import { clientIpFromHeaders } from "@/lib/security/client-ip";
import { rateLimitedMessage } from "@/lib/security/request-guards";
import { beginInvite, inviteSucceeded } from "@/lib/security/throttles";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export const GET = routeHandler(async (request: Request, { params }: Context) => {
  const [{ token }, locale] = await Promise.all([params, requestLocale()]);
  const ip = clientIpFromHeaders(request.headers, env().MINIPORTAL_TRUSTED_PROXIES);
  const gate = await beginInvite(ip);
  if (!gate.ok) {
    const message = await rateLimitedMessage(gate, "/calendar/[token]", locale);
    return plainText(429, message, { "retry-after": String(gate.retryAfterSeconds) });
  }
  const ics = await calendarForSecret(token.replace(/\.ics$/, ""));
  if (ics === null) return plainText(404, translatorFor(locale)("account.calendar.unknownFeed"));
  await inviteSucceeded(ip);
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'inline; filename="miniportal.ics"',
      // Private to this URL's holder; calendar apps poll, so a few minutes' reuse is fine.
      "cache-control": "private, max-age=300",
      "referrer-policy": "no-referrer",
    },
  });
});
