// What the service worker may store (lib/offline/constants.ts): an allowlist of the
// build's static files, the icons and the offline shell; nothing a user could read later.
import { describe, expect, it } from "vitest";
import { isOfflineCapableNavigation, mayCache } from "@/lib/offline/constants";
import { webManifest } from "@/lib/offline/manifest";

const ORIGIN = "https://portal.example";
const u = (p: string) => new URL(p, ORIGIN);

describe("service worker cache policy", () => {
  it.each(["/_next/static/chunks/app.js", "/_next/static/css/x.css", "/review/offline", "/icons/icon-192.png"])(
    "may cache %s",
    (p) => expect(mayCache("GET", u(p), ORIGIN)).toBe(true),
  );

  it.each([
    "/admin/students",
    "/admin/audit",
    "/me/export",
    "/me",
    "/review",
    "/review/sync",
    "/review/cards",
    "/review/workload",
    "/phase/01/notes",
    "/metrics",
    "/api/auth/session",
    "/review/offline?x=1",
    "/icons/../admin",
  ])("never caches %s", (p) => expect(mayCache("GET", u(p), ORIGIN)).toBe(false));

  it("never caches a POST (server actions, the sync) nor another origin", () => {
    expect(mayCache("POST", u("/review/offline"), ORIGIN)).toBe(false);
    expect(mayCache("POST", u("/_next/static/a.js"), ORIGIN)).toBe(false);
    expect(mayCache("GET", new URL("https://cdn.example/_next/static/a.js"), ORIGIN)).toBe(false);
  });

  it("answers only /review navigations from the shell", () => {
    expect(isOfflineCapableNavigation(u("/review"), ORIGIN)).toBe(true);
    expect(isOfflineCapableNavigation(u("/review?phase=01"), ORIGIN)).toBe(true);
    expect(isOfflineCapableNavigation(u("/review/cards"), ORIGIN)).toBe(false);
    expect(isOfflineCapableNavigation(u("/me"), ORIGIN)).toBe(false);
  });
});

describe("web app manifest", () => {
  it("is installable: standalone, starts on /review, 192 and 512 px icons, theme colours", () => {
    const m = webManifest({ lang: "es", name: "Miniportal", description: "d" });
    expect(m).toMatchObject({ start_url: "/review", display: "standalone", lang: "es" });
    expect(m.icons?.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(m.icons?.some((i) => i.purpose === "maskable")).toBe(true);
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  });
});
