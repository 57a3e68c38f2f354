// Server-action requests that Next.js would answer with a 500 are refused here
// with a 4xx first: an anonymous client must not be able to choose a 5xx (it
// would count as a server error and trip the error-ratio alert).
//
// What a real browser of this portal sends is narrow: the `next-action` header
// names an action of the page it is posted to (the build's server-reference
// manifest says which), and the body follows the grammar of ./flight-reply.ts.
// A multipart post without the header is a form posted without JavaScript,
// which Next.js decodes as an action too. Next.js also refuses, with a 500, an
// action whose Origin is not the host it was reached as (./csrf.ts mirrors it).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRouteMatcher, type RouteMatcher } from "../observability/route-templates";
import { readCapped } from "../http/capped-body";
import { nextActionHostMismatch } from "./csrf";
import {
  MAX_ACTION_BODY,
  type ReplyEntry,
  actionArity,
  formPostProblem,
  formReplyProblem,
  textReplyProblem,
} from "./flight-reply";

export { MAX_ACTION_BODY };

/** key: a message of common.refusal, shown in the request's language. */
export type ActionProblem = {
  status: 400 | 403 | 404 | 413;
  key: "notAForm" | "noSuchAction" | "tooLarge" | "hostMismatch";
  why?: string;
};

type Manifest = { routesOf: Map<string, Set<string>>; matcher: RouteMatcher } | null;
const globalForManifest = globalThis as unknown as { miniportalActionManifest?: Manifest };

/** "app/phase/[nn]/notes/page" -> "/phase/[nn]/notes" */
function templateOf(worker: string): string {
  return worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
}

function manifest(): Manifest {
  if (globalForManifest.miniportalActionManifest !== undefined) return globalForManifest.miniportalActionManifest;
  const file = path.join(
    /* turbopackIgnore: true */ process.cwd(),
    ".next",
    "server",
    "server-reference-manifest.json",
  );
  let result: Manifest = null; // no build manifest (next dev): the id check is skipped
  if (existsSync(file) && process.env.NODE_ENV === "production") {
    const raw = JSON.parse(readFileSync(file, "utf8")) as {
      node?: Record<string, { workers: Record<string, unknown> }>;
    };
    const routesOf = new Map<string, Set<string>>();
    const templates = new Set<string>();
    for (const [id, entry] of Object.entries(raw.node ?? {})) {
      const routes = new Set(Object.keys(entry.workers).map(templateOf));
      routesOf.set(id, routes);
      for (const r of routes) templates.add(r);
    }
    result = { routesOf, matcher: createRouteMatcher(templates) };
  }
  globalForManifest.miniportalActionManifest = result;
  return result;
}

function routeProblem(actionId: string, pathname: string): ActionProblem | null {
  const m = manifest();
  if (!m) return null;
  const routes = m.routesOf.get(actionId);
  const route = m.matcher(pathname);
  return routes && (routes.has(route) || routes.has("/_not-found")) ? null : { status: 404, key: "noSuchAction" };
}

/** Next.js takes a body as multipart exactly when its type starts so (case-sensitive). */
const isMultipart = (type: string) => type.startsWith("multipart/form-data");

/** Whether Next.js may handle this request as a server action (then actionRequestProblem must run). */
export function mayBeServerAction(method: string, headers: { get(name: string): string | null }): boolean {
  return headers.get("next-action") !== null || (method === "POST" && isMultipart(headers.get("content-type") ?? ""));
}

async function entriesOf(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<ReplyEntry[] | null> {
  try {
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    return [...form.entries()];
  } catch {
    return null;
  }
}

type FormRead = { tooLarge: true } | { tooLarge: false; entries: ReplyEntry[] | null };
const formReads = new WeakMap<Request, Promise<FormRead>>();

/**
 * A multipart body's fields, read from a clone (Next.js reads the request's own
 * body after the proxy) at most once per request: the action check and the
 * sign-in limit's email both need them, and a note's form can be 256 KiB.
 * entries is null when the body is not readable form data.
 */
export function readFormOnce(request: Request): Promise<FormRead> {
  let read = formReads.get(request);
  if (!read) {
    read = (async (): Promise<FormRead> => {
      const bytes = await readCapped(request.clone().body, MAX_ACTION_BODY);
      if (!bytes) return { tooLarge: true };
      return { tooLarge: false, entries: await entriesOf(bytes, request.headers.get("content-type") ?? "") };
    })();
    formReads.set(request, read);
  }
  return read;
}

const badShape = (why: string): ActionProblem => ({ status: 400, key: "notAForm", why });
const tooLarge: ActionProblem = { status: 413, key: "tooLarge" };

/**
 * Null when the request looks like one of this portal's own action calls, or
 * (no next-action header) is not an action at all. Call when mayBeServerAction.
 */
export async function actionRequestProblem(
  request: Request,
  actionId: string | null,
  pathname: string,
): Promise<ActionProblem | null> {
  if (actionId !== null) {
    const unknown = routeProblem(actionId, pathname);
    if (unknown) return unknown;
  }
  if (nextActionHostMismatch(request.headers)) return { status: 403, key: "hostMismatch" };
  const type = request.headers.get("content-type") ?? "";
  if (actionId === null && !isMultipart(type)) return null; // not an action for Next.js
  if (Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BODY) return tooLarge;
  if (actionId !== null && !isMultipart(type) && !type.toLowerCase().startsWith("text/plain"))
    return badShape("unexpected content type");
  if (!isMultipart(type)) {
    // Read from a clone: Next.js reads the request's own body after the proxy.
    const bytes = await readCapped(request.clone().body, MAX_ACTION_BODY);
    if (!bytes) return tooLarge;
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return badShape("not UTF-8");
    }
    const why = textReplyProblem(text, actionArity(actionId ?? ""));
    return why ? badShape(why) : null;
  }
  const read = await readFormOnce(request);
  if (read.tooLarge) return tooLarge;
  const entries = read.entries;
  if (!entries) return badShape("unreadable form data");
  if (actionId !== null) {
    const why = formReplyProblem(entries, actionArity(actionId));
    return why ? badShape(why) : null;
  }
  const verdict = formPostProblem(entries);
  if (verdict === null) return null;
  if ("why" in verdict) return badShape(verdict.why);
  return routeProblem(verdict.actionId, pathname);
}
