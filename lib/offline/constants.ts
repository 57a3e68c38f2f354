// Names the service worker (lib/offline/sw.ts) and the pages share. No imports:
// the worker bundle stays small and has nothing server-side in it.

/** The offline review page: an app shell without data; the cards come from IndexedDB. */
export const SHELL_PATH = "/review/offline";
export const REVIEW_PATH = "/review";
/** Cache Storage name of the shell (it shows the signed-in student's header): cleared on sign-out. */
export const SHELL_CACHE = "miniportal-review-shell";
export const SW_PATH = "/sw.js";
export const IDB_NAME = "miniportal-offline";

export type WorkerMessage = { type: "SKIP_WAITING" } | { type: "CACHE_SHELL" } | { type: "CLEAR" };

/**
 * What the worker may store. An allowlist: the build's own static files (precached,
 * the same for everyone) and the shell page. Everything else — /admin/*, /me/export,
 * server actions (POST), route handlers, other pages — is never cached.
 */
export function mayCache(method: string, url: URL, origin: string): boolean {
  if (method !== "GET" || url.origin !== origin) return false;
  if (url.search !== "") return false;
  return (
    url.pathname.startsWith("/_next/static/") ||
    url.pathname === SHELL_PATH ||
    /^\/icons\/[\w.-]+\.png$/.test(url.pathname)
  );
}

/** Navigations the worker answers from the cached shell when the network fails. */
export function isOfflineCapableNavigation(url: URL, origin: string): boolean {
  return url.origin === origin && (url.pathname === REVIEW_PATH || url.pathname === SHELL_PATH);
}
