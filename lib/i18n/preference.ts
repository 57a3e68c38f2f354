// Choosing the interface language: the account keeps it (every browser it signs
// in from follows), and a cookie keeps a signed-out visitor's choice.
import { cookies } from "next/headers";
import "server-only";
import { forgetRequestUser } from "../auth/current-user";
import type { SessionUser } from "../auth/session-user";
import { servedOverHttps } from "../config/base-url";
import { db } from "../db/client";
import { LOCALE_COOKIE, type Locale } from "./locales";

const YEAR_S = 365 * 24 * 3600;

/** Stores the account's language, or null to follow the browser's Accept-Language. */
export async function saveLocalePreference(user: SessionUser, locale: Locale | null): Promise<void> {
  await db().user.update({ where: { id: user.id }, data: { locale } });
  // The render after this action must see the new preference, not the session read before it.
  forgetRequestUser();
}

/** The switcher's cookie for this browser; null removes it (follow Accept-Language). */
export async function setLocaleCookie(locale: Locale | null): Promise<void> {
  const jar = await cookies();
  if (!locale) jar.delete(LOCALE_COOKIE);
  else
    jar.set(LOCALE_COOKIE, locale, {
      httpOnly: true,
      sameSite: "lax",
      secure: servedOverHttps(),
      path: "/",
      maxAge: YEAR_S,
    });
}
