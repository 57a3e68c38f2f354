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

/**
 * Chooses the interface language: the account keeps it (when someone is signed
 * in) and so does this browser's cookie. null follows the browser's Accept-Language.
 */
export async function chooseLocale(user: SessionUser | null, locale: Locale | null): Promise<void> {
  if (user) {
    await db().user.update({ where: { id: user.id }, data: { locale } });
    // The render after this action must see the new preference, not the session read before it.
    forgetRequestUser();
  }
  await setLocaleCookie(locale);
}

async function setLocaleCookie(locale: Locale | null): Promise<void> {
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
