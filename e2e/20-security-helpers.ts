// Helpers for the 20-security specs: the build's server actions (from Next's
// server-reference manifest) and raw server-action POSTs, as a browser's fetch
// would send them, for tests that must call an action directly.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { E2E_APP_DIR, E2E_PORT } from "./support/server-config";

export type ServerAction = { id: string; name: string; file: string; path: string };

/** Another address of the same server: its own rate-limit key (the peer ::1 instead of 127.0.0.1). */
export const IPV6_BASE_URL = `http://[::1]:${E2E_PORT}`;

const SAMPLE_PARAMS: Record<string, string> = {
  "[...nextauth]": "callback/credentials",
  "[token]": "x".repeat(43),
  "[nn]": "01",
  "[id]": "nobody",
  "[attemptId]": "nobody",
};

function routeOf(worker: string): string {
  const route = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
  return route.replace(/\[[^\]]+\]/g, (segment) => SAMPLE_PARAMS[segment] ?? "x");
}

export function serverActions(): ServerAction[] {
  const manifest = JSON.parse(
    readFileSync(path.join(E2E_APP_DIR, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const workers = Object.keys(entry.workers).filter((w) => !w.includes("_not-found"));
    return { id, name: entry.exportedName ?? id, file: entry.filename ?? "?", path: routeOf(workers[0] ?? "app/page") };
  });
}

export function action(name: string): ServerAction {
  const found = serverActions().find((a) => a.name === name);
  if (!found) throw new Error(`no server action named ${name} in this build`);
  return found;
}

/** The route handlers of this build (every app route.ts), as request paths. */
export function routeHandlers(): string[] {
  const manifest = JSON.parse(
    readFileSync(path.join(E2E_APP_DIR, ".next/server/app-paths-manifest.json"), "utf8"),
  ) as Record<string, string>;
  return Object.keys(manifest)
    .filter((k) => k.endsWith("/route"))
    .map((k) => routeOf(k.replace(/\/route$/, "/page")));
}

/**
 * POSTs to a form action the way React's client does: argument 0 is the previous
 * state, argument 1 the FormData whose fields carry the "_1_" prefix.
 */
export function postAction(
  request: APIRequestContext,
  baseUrl: string,
  target: ServerAction,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  // A FormData keeps the order (an object would put the integer key "0" first):
  // the root argument list must come last, React resolves "$K1" from the fields before it.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  return request.post(`${baseUrl}${target.path}`, {
    multipart,
    headers: { accept: "text/x-component", "next-action": target.id, origin: baseUrl, ...headers },
    maxRedirects: 0,
  });
}
