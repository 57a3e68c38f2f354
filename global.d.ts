// next-intl's typing: t("…") keys are checked against the English catalogues, and
// the locale is one of lib/i18n/locales.ts.
import type { Messages } from "./lib/i18n/catalogues";
import type { Locale } from "./lib/i18n/locales";

declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}

// next-intl/server's getLocale() types its result with use-intl's AppConfig: narrow it there too,
// so pages can hand `await getLocale()` to functions taking a Locale.
declare module "use-intl" {
  interface AppConfig {
    Locale: Locale;
  }
}
