// Whom a message is written for: the account's language (English until one is
// chosen) and time zone (the cohort's, MINIPORTAL_TIMEZONE, unless their own).
import { env } from "../env";
import { DEFAULT_LOCALE, isLocale } from "../i18n/locales";
import type { Recipient } from "./compose";

export function recipientOf(user: { name: string; locale: string | null; timeZone: string | null }): Recipient {
  return {
    name: user.name,
    locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
    timeZone: zoneOf(user),
  };
}

export const zoneOf = (user: { timeZone: string | null }): string => user.timeZone ?? env().MINIPORTAL_TIMEZONE;
