// What a browser sends when a student follows a link inside the portal: not a
// document request but Next's client-side navigation, a GET of the target with
// `RSC: 1`, the router state of the page it is on (so the server renders only
// the segments that change, not the root layout) and `_rsc`, Next's hash of
// those headers. Captured from Chromium on Next 16 (docs/loadtest.md); the tree
// is the one a page has when it was reached afresh, the only one this flow needs.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { computeCacheBustingSearchParam } =
  require("next/dist/shared/lib/router/utils/cache-busting-search-param.js") as {
    computeCacheBustingSearchParam: (
      prefetch: string | undefined,
      segmentPrefetch: string | undefined,
      stateTree: string | undefined,
      nextUrl: string | undefined,
    ) => Promise<string>;
  };

/** A page the student is on: its route template ("/phase/[nn]/notes") and path ("/phase/01/notes"). */
export type Place = { template: string; path: string };

/**
 * Next's FlightRouterState of a page, as the header carries it: one node per
 * URL segment ([name, value, "d", null] for a dynamic one), the page below the
 * last, the root marked as root layout (16).
 */
export function routerStateTree({ template, path }: Place): string {
  const names = template.split("/").filter(Boolean);
  const values = path.split("?")[0]!.split("/").filter(Boolean);
  if (names.length !== values.length) throw new Error(`${path} does not match the route ${template}`);
  let node: unknown[] = ["__PAGE__", {}, null, null, 0];
  for (let i = names.length - 1; i >= 0; i--) {
    const dynamic = /^\[(\w+)\]$/.exec(names[i]!);
    const segment = dynamic ? [dynamic[1], values[i], "d", null] : values[i];
    node = [segment, { children: node }, null, null, 0];
  }
  return encodeURIComponent(JSON.stringify(["", { children: node }, null, null, 16]));
}

/** The headers and URL of a navigation from `from` to `to` (a path). */
export async function navigationRequest(
  from: Place,
  to: string,
): Promise<{ path: string; headers: Record<string, string> }> {
  const tree = routerStateTree(from);
  const hash = await computeCacheBustingSearchParam(undefined, undefined, tree, from.path);
  return {
    path: `${to}${to.includes("?") ? "&" : "?"}_rsc=${hash}`,
    headers: { rsc: "1", "next-router-state-tree": tree, "next-url": from.path },
  };
}
