// Maps a request path to the app route template that serves it, so metric labels
// and log fields stay bounded (/phase/13/notes -> /phase/[nn]/notes). Templates
// come from the build's route manifest plus the routes the design names, so a
// route that is being built (or a 404 under it) still gets its template.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** Every path that matches no template shares this one label value. */
export const UNMATCHED_ROUTE = "unmatched";

/** The portal's routes (app/), matched even before their page exists. */
export const KNOWN_ROUTES = [
  "/",
  "/login",
  "/invite/[token]",
  "/reset/[token]",
  "/unsubscribe/[token]",
  "/unsubscribe/[token]/one-click",
  "/account",
  "/me",
  "/me/export",
  "/phase/[nn]",
  "/phase/[nn]/notes",
  "/phase/[nn]/exam",
  "/review",
  "/admin/students",
  "/admin/students/[id]",
  "/admin/gradebook",
  "/admin/gradebook/export",
  "/admin/gradebook/exams/[phase]",
  "/admin/announcements",
  "/admin/exams",
  "/admin/audit",
  "/admin/ops",
  "/api/auth/[...nextauth]",
  "/metrics",
  "/health",
] as const;

type Segment = { kind: "static"; value: string } | { kind: "dynamic" } | { kind: "catchall"; optional: boolean };
type CompiledRoute = { template: string; segments: Segment[] };

function parseSegment(raw: string): Segment {
  if (raw.startsWith("[[...") && raw.endsWith("]]")) return { kind: "catchall", optional: true };
  if (raw.startsWith("[...") && raw.endsWith("]")) return { kind: "catchall", optional: false };
  if (raw.startsWith("[") && raw.endsWith("]")) return { kind: "dynamic" };
  return { kind: "static", value: raw };
}

const splitPath = (p: string) => p.split("/").filter(Boolean);

function compile(template: string): CompiledRoute {
  return { template, segments: splitPath(template).map(parseSegment) };
}

function matches(route: CompiledRoute, parts: string[]): boolean {
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg.kind === "catchall") return seg.optional || parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (seg.kind === "static" && seg.value !== part) return false;
  }
  return parts.length === segments.length;
}

/** Next's precedence: at the first differing segment, static beats dynamic beats catch-all. */
function rank(seg: Segment | undefined): number {
  if (!seg) return 3;
  return seg.kind === "static" ? 0 : seg.kind === "dynamic" ? 1 : 2;
}
function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const diff = rank(a.segments[i]) - rank(b.segments[i]);
    if (diff !== 0) return diff;
  }
  return a.template.localeCompare(b.template);
}

export type RouteMatcher = (pathname: string) => string;

export function createRouteMatcher(templates: Iterable<string>): RouteMatcher {
  const unique = [...new Set(templates)].filter((t) => t.startsWith("/") && !t.startsWith("/_"));
  const compiled = unique.map(compile).sort(compareSpecificity);
  return (pathname) => {
    let parts: string[];
    try {
      parts = splitPath(decodeURI(pathname));
    } catch {
      return UNMATCHED_ROUTE; // malformed percent-encoding
    }
    return compiled.find((route) => matches(route, parts))?.template ?? UNMATCHED_ROUTE;
  };
}

/** The path of a request target without its query string ("/a?b" -> "/a"). */
export function pathOf(url: string | undefined): string {
  if (!url) return "/";
  const q = url.search(/[?#]/);
  const p = q === -1 ? url : url.slice(0, q);
  if (p.startsWith("/")) return p;
  try {
    return new URL(p).pathname; // absolute-form target (proxy-style request line)
  } catch {
    return "/";
  }
}

/** Route templates of the built app (`.next/app-path-routes-manifest.json`), if present. */
export function builtRouteTemplates(distDir = path.join(/* turbopackIgnore: true */ process.cwd(), ".next")): string[] {
  const file = path.join(/* turbopackIgnore: true */ distDir, "app-path-routes-manifest.json");
  if (!existsSync(file)) return [];
  try {
    return Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
  } catch {
    return [];
  }
}

/** The app's route templates: the build's manifest and the design's list. */
export function appRouteMatcher(extra: string[] = []): RouteMatcher {
  return createRouteMatcher([...KNOWN_ROUTES, ...builtRouteTemplates(), ...extra]);
}
