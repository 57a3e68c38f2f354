// Server-action requests that Next.js would answer with a 500 are refused here
// with a 4xx first: an anonymous client must not be able to choose a 5xx (it
// would count as a server error and trip the error-ratio alert).
//
// What a real browser of this portal sends is narrow: the `next-action` header
// names an action of the page it is posted to (the build's server-reference
// manifest says which), the body is multipart/form-data (form actions) or
// text/plain (argument-less calls), and the argument list (field "0", or the
// whole text body) is a shallow JSON array.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRouteMatcher, type RouteMatcher } from "../observability/route-templates";

export const MAX_ACTION_BODY = 2 * 1024 * 1024;
const MAX_ARGUMENT_DEPTH = 8;

/** key: a message of common.refusal, shown in the request's language. */
export type ActionProblem = { status: 400 | 404 | 413; key: "notAForm" | "noSuchAction" | "tooLarge"; why?: string };

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

function depth(value: unknown, limit: number): number {
  if (limit < 0 || value === null || typeof value !== "object") return 0;
  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child, limit - 1));
  return deepest + 1;
}

/** A JSON argument list: an array, nested no deeper than the portal's forms ever send. */
function argumentListProblem(text: string): string | null {
  // Cheap pre-check: JSON.parse itself recurses, and a body of 100 000 "[" must not reach it.
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) open++;
    else if (c === 93 || c === 125) open--;
    if (open > MAX_ARGUMENT_DEPTH * 4) return "nested too deeply";
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (!Array.isArray(parsed)) return "not an argument list";
  return depth(parsed, MAX_ARGUMENT_DEPTH + 1) > MAX_ARGUMENT_DEPTH ? "nested too deeply" : null;
}

const badShape = (why: string): ActionProblem => ({
  status: 400,
  key: "notAForm",
  why,
});

/** Null when the request looks like one of this portal's own action calls. */
export async function actionRequestProblem(
  request: Request,
  actionId: string,
  pathname: string,
): Promise<ActionProblem | null> {
  const m = manifest();
  if (m) {
    const routes = m.routesOf.get(actionId);
    const route = m.matcher(pathname);
    if (!routes || !(routes.has(route) || routes.has("/_not-found"))) {
      return { status: 404, key: "noSuchAction" };
    }
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_ACTION_BODY) return { status: 413, key: "tooLarge" };
  if (type.startsWith("text/plain")) {
    const text = await request.clone().text();
    if (text.length > MAX_ACTION_BODY) return { status: 413, key: "tooLarge" };
    const problem = argumentListProblem(text);
    return problem ? badShape(problem) : null;
  }
  if (type.startsWith("multipart/form-data")) {
    let root: FormDataEntryValue | null;
    try {
      root = (await request.clone().formData()).get("0");
    } catch {
      return badShape("unreadable form data");
    }
    if (typeof root !== "string") return badShape("no argument list");
    const problem = argumentListProblem(root);
    return problem ? badShape(problem) : null;
  }
  return badShape("unexpected content type");
}
