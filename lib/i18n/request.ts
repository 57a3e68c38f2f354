// next-intl's request configuration (named in next.config.ts): which language
// this request speaks and its messages. No locale in the URL, so every route
// keeps its address; the choice follows lib/i18n/locales.ts#resolveLocale.
import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "../auth/current-user";
import { env } from "../env";
import { logger } from "../observability/logger";
import { CATALOGUES } from "./catalogues";
import { isLocale } from "./locales";
import { missingMessage } from "./missing";
import { requestLocale } from "./request-locale";

export default getRequestConfig(async ({ locale: explicit }) => {
  const locale = isLocale(explicit) ? explicit : await requestLocale();
  return {
    locale,
    messages: CATALOGUES[locale],
    // The viewer's zone (their own, else the cohort's), as the root layout hands it to the browser.
    timeZone: (await getCurrentUser())?.timeZone ?? env().MINIPORTAL_TIMEZONE,
    onError(error) {
      logger().warn({ err: { type: error.code, message: error.message } }, "i18n.message_error");
    },
    getMessageFallback: (info) => missingMessage(info, env().MINIPORTAL_TEST_ROUTES),
  };
});
