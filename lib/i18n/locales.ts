// The interface languages and the one rule choosing among them. Pure and
// client-safe: the request config (lib/i18n/request.ts), the switcher and tests use it.
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself, as a switcher offers it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

/** The cookie holding a signed-out visitor's choice from the header switcher. */
export const LOCALE_COOKIE = "miniportal_locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best supported language of an Accept-Language header ("es-MX,es;q=0.9,en;q=0.5"),
 * by quality then order; a region falls back to its language. Null when none fits.
 */
export function negotiateLocale(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .slice(0, 512)
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", quality, index };
    })
    .filter((r) => r.language && Number.isFinite(r.quality) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranges.map((r) => r.language).find(isLocale) ?? null;
}

/**
 * The request's language: the account's preference, else the switcher's cookie
 * (signed-out visitors), else the browser's Accept-Language, else English.
 */
export function resolveLocale(input: {
  preference?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(input.preference)) return input.preference;
  if (isLocale(input.cookie)) return input.cookie;
  return negotiateLocale(input.acceptLanguage) ?? DEFAULT_LOCALE;
}

const COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/** The language of a request read from its headers alone (proxy.ts answers before any session is read). */
export function localeOfHeaders(headers: { get(name: string): string | null }): Locale {
  const cookie = COOKIE_PATTERN.exec(headers.get("cookie") ?? "")?.[1];
  return resolveLocale({ cookie, acceptLanguage: headers.get("accept-language") });
}
