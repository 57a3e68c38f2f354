// The language of the current request, for server components, actions and route
// handlers (lib/i18n/locales.ts#resolveLocale). Outside a request (scripts,
// tests calling lib/ directly) it is English.
import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getCurrentUser } from "../auth/current-user";
import { DEFAULT_LOCALE, LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";

export async function requestLocale(): Promise<Locale> {
  let jar: Awaited<ReturnType<typeof cookies>>;
  let head: Headers;
  try {
    [jar, head] = await Promise.all([cookies(), headers()]);
  } catch (error) {
    // Next's own signals (a page found dynamic while prerendering) must pass through.
    unstable_rethrow(error);
    return DEFAULT_LOCALE;
  }
  const user = await getCurrentUser();
  return resolveLocale({
    preference: user?.locale,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: head.get("accept-language"),
  });
}
