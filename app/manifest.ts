// The web app manifest (/manifest.webmanifest): installable, opening on /review in
// its own window. Built from lib/offline/manifest.ts in the request's language.
import type { MetadataRoute } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { webManifest } from "@/lib/offline/manifest";

export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return webManifest({ lang: locale, name: t("manifest.name"), description: t("meta.description") });
}
