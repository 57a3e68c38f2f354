/// <reference lib="webworker" />
// The service worker (built by scripts/build-sw.ts into public/sw.js with Serwist's
// configurator mode; docs/offline-review.md). It precaches the build's static files
// and keeps one page, the offline review shell: when a navigation to /review fails
// (no network), the shell answers and the review runs from IndexedDB. It caches
// nothing else (lib/offline/constants.ts#mayCache): no page with data, no admin
// page, no export, no action or handler response.
import { NetworkOnly, type PrecacheEntry, Serwist, type SerwistGlobalConfig } from "serwist";
import { isOfflineCapableNavigation, mayCache, SHELL_CACHE, SHELL_PATH, type WorkerMessage } from "./constants";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

async function cachedShell(): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(SHELL_PATH)) ?? Response.error();
}

async function cacheShell(): Promise<void> {
  const url = new URL(SHELL_PATH, self.location.origin);
  if (!mayCache("GET", url, self.location.origin)) return;
  const response = await fetch(url, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
  // A redirect (signed out) or an error page is never kept as the shell.
  if (response.status !== 200 || response.type !== "basic") return;
  await (await caches.open(SHELL_CACHE)).put(SHELL_PATH, response);
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // A new build waits until the page asks (its "reload" banner): a page of the old
  // build never runs on the new build's files and actions.
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url }) =>
        request.mode === "navigate" && isOfflineCapableNavigation(url, self.location.origin),
      handler: new NetworkOnly({ plugins: [{ handlerDidError: cachedShell }] }),
    },
  ],
});

self.addEventListener("message", (event) => {
  const data = event.data as WorkerMessage | undefined;
  if (data?.type === "SKIP_WAITING") void self.skipWaiting();
  else if (data?.type === "CACHE_SHELL") event.waitUntil(cacheShell().catch(() => undefined));
  else if (data?.type === "CLEAR") event.waitUntil(caches.delete(SHELL_CACHE));
});

// The shell is the old build's page: replaced by this build's (if one was kept), never mixed.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const had = await caches.has(SHELL_CACHE);
      await caches.delete(SHELL_CACHE);
      if (had) await cacheShell().catch(() => undefined);
    })(),
  );
});

serwist.addEventListeners();
