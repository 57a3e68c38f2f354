// Whom a message is written for: the account's language (English until one is
// chosen) and time zone (the cohort's, MINIPORTAL_TIMEZONE, unless their own).
import { DEFAULT_LOCALE, isLocale } from "../i18n/locales";
import { zoneOf } from "../time/user-zone";
import type { Recipient } from "./compose";

export function recipientOf(user: { name: string; locale: string | null; timeZone: string | null }): Recipient {
  return {
    name: user.name,
    locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
    timeZone: zoneOf(user),
  };
}

export { zoneOf };
