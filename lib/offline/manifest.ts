// The manifest's content and the theme colours (light and dark) the root layout puts
// in <meta name="theme-color" media=…>: one place for both.
import type { MetadataRoute } from "next";

export const THEME_LIGHT = "#4f46e5"; // brand-600, the icon's colour
export const THEME_DARK = "#1e1b4b"; // indigo-950: the header in dark mode
export const BACKGROUND = "#ffffff";

export function webManifest(text: { lang: string; name: string; description: string }): MetadataRoute.Manifest {
  return {
    id: "/review",
    name: text.name,
    short_name: "Miniportal",
    description: text.description,
    lang: text.lang,
    start_url: "/review",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: THEME_LIGHT,
    background_color: BACKGROUND,
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}

export const themeColors = [
  { media: "(prefers-color-scheme: light)", color: THEME_LIGHT },
  { media: "(prefers-color-scheme: dark)", color: THEME_DARK },
];
