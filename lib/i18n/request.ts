// next-intl's request configuration (named in next.config.ts): which language
// this request speaks and its messages. No locale in the URL, so every route
// keeps its address; the choice follows lib/i18n/locales.ts#resolveLocale.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "../auth/current-user";
import { env } from "../env";
import { logger } from "../observability/logger";
import { CATALOGUES } from "./catalogues";
import { LOCALE_COOKIE, isLocale, resolveLocale, type Locale } from "./locales";
import { missingMessage } from "./missing";

/** The language of the current request (server components, actions, route handlers). */
export async function requestLocale(): Promise<Locale> {
  const [user, jar, head] = await Promise.all([getCurrentUser(), cookies(), headers()]);
  return resolveLocale({
    preference: user?.locale,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: head.get("accept-language"),
  });
}

export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isLocale(explicit) ? explicit : await requestLocale();
  return {
    locale,
    messages: CATALOGUES[locale],
    // Moments are shown in the viewer's zone by LocalTime; server-side formatting is UTC.
    timeZone: "UTC",
    onError(error) {
      logger().warn({ err: { type: error.code, message: error.message } }, "i18n.message_error");
    },
    getMessageFallback: (info) => missingMessage(info, env().MINIPORTAL_TEST_ROUTES),
  };
});
