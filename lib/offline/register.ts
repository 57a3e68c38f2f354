// Registers the service worker and watches for a new build's worker. The new one
// waits (lib/offline/sw.ts: skipWaiting off) until the student reloads through the
// page's banner: then it takes over and the page reloads on the new build, so no page
// of an old build calls actions the new server no longer has. Browser-only.
import { SW_PATH, type WorkerMessage } from "./constants";

export async function registerWorker(onUpdate: (apply: () => void) => void): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  let reg: ServiceWorkerRegistration;
  try {
    reg = await navigator.serviceWorker.register(SW_PATH, { scope: "/" });
  } catch {
    return; // No worker (npm run dev builds none): online review works as before.
  }
  const apply = () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), { once: true });
    reg.waiting?.postMessage({ type: "SKIP_WAITING" } satisfies WorkerMessage);
  };
  const check = () => {
    // Waiting behind a worker that controls this page: a new build is ready.
    if (reg.waiting && navigator.serviceWorker.controller) onUpdate(apply);
  };
  check();
  reg.addEventListener("updatefound", () => {
    const w = reg.installing;
    w?.addEventListener("statechange", () => {
      if (w.state === "installed") check();
    });
  });
  // Keep this build's offline shell (the worker fetches it with this session).
  const ready = await navigator.serviceWorker.ready;
  ready.active?.postMessage({ type: "CACHE_SHELL" } satisfies WorkerMessage);
}
