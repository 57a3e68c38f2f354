import { describe, expect, it } from "vitest";
import { localeOfHeaders, negotiateLocale, resolveLocale } from "@/lib/i18n/locales";
import { missingMessage } from "@/lib/i18n/missing";
import { localizeText } from "@/lib/i18n/translate";

describe("choosing the interface language", () => {
  it("reads Accept-Language by quality, then order, with regions falling back to their language", () => {
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.5")).toBe("es");
    expect(negotiateLocale("fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7")).toBe("es");
    expect(negotiateLocale("en;q=0.4, es;q=0.6")).toBe("es");
    expect(negotiateLocale("de, en-GB")).toBe("en");
    expect(negotiateLocale("es;q=0, en")).toBe("en");
  });

  it("finds nothing in an absent, foreign or malformed header", () => {
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale("fr, de;q=0.5")).toBeNull();
    expect(negotiateLocale(";;;,,q=abc")).toBeNull();
    expect(negotiateLocale("es;q=nope")).toBeNull();
  });

  it("prefers the account, then the switcher's cookie, then the browser, then English", () => {
    expect(resolveLocale({ preference: "es", cookie: "en", acceptLanguage: "en" })).toBe("es");
    expect(resolveLocale({ preference: null, cookie: "es", acceptLanguage: "en" })).toBe("es");
    expect(resolveLocale({ preference: null, cookie: null, acceptLanguage: "es-AR" })).toBe("es");
    expect(resolveLocale({})).toBe("en");
    // A stored or posted value that is no supported language is ignored, never trusted.
    expect(resolveLocale({ preference: "xx", cookie: "<script>", acceptLanguage: "es" })).toBe("es");
  });
});

describe("messages outside a render", () => {
  it("translate catalogue paths and leave other text alone", () => {
    expect(localizeText("validation.required", "es")).toBe("Este campo es obligatorio.");
    expect(localizeText("validation.required", "en")).toBe("This field is required.");
    expect(localizeText("Plain words.", "es")).toBe("Plain words.");
    expect(localizeText("validation.noSuchKey", "es")).toBe("validation.noSuchKey");
  });

  it("fall back to English for a missing message, or mark it when tests ask", () => {
    expect(missingMessage({ namespace: "common.nav", key: "review" }, false)).toBe("Review");
    expect(missingMessage({ namespace: "common", key: "nope" }, false)).toBe("common.nope");
    expect(missingMessage({ namespace: "common.nav", key: "review" }, true)).toBe("⟦missing:common.nav.review⟧");
  });
});

describe("the language of a refusal made before the session is read", () => {
  const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });
  it("follows the switcher's cookie, then Accept-Language", () => {
    expect(localeOfHeaders(headers({ cookie: "a=1; miniportal_locale=es; b=2", "accept-language": "en" }))).toBe("es");
    expect(localeOfHeaders(headers({ cookie: "miniportal_locale=zz", "accept-language": "es-CL" }))).toBe("es");
    expect(localeOfHeaders(headers({}))).toBe("en");
  });
});
