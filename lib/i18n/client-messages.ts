// The part of the catalogue the browser receives. Messages reach client components
// through the RSC payload of every page, navigation and refresh, so each route sends only
// the message groups its own client components bind: the root layout the few its header
// and error page use (on every page), and each route segment's layout
// (components/i18n/route-messages.tsx) what that segment's pages add. The catalogue test
// follows every page's imports to its client components and holds them to these lists.
import type { Messages } from "./catalogues";

/** What the root layout's client components use: the header's language switch, the error page, form status. */
export const SHARED_CLIENT_MESSAGES = ["common.locale", "common.error", "common.form"] as const;

const ADMIN = ["admin", "ops.fsrs", "common.copyLink"] as const;
/** The dashboard's client components (components/dashboard), on /me and a student's admin view. */
const DASHBOARD = ["dashboard.phases", "dashboard.recent", "phase.dates"] as const;

/** Per route segment (a folder under app/, with its layout.tsx): the groups its pages' client components bind. */
export const ROUTE_MESSAGES = {
  account: ["account", "auth", "common.copyLink", "review.simulator"],
  admin: ADMIN,
  "admin/students/[id]": [...ADMIN, ...DASHBOARD],
  invite: ["auth"],
  login: ["auth"],
  me: ["review.simulator", ...DASHBOARD],
  "phase/[nn]/exam": ["exams"],
  "phase/[nn]/notes": ["journal"],
  reset: ["auth"],
  review: ["review"],
  unsubscribe: ["account.unsubscribe"],
} as const satisfies Record<string, readonly string[]>;
export type MessageRoute = keyof typeof ROUTE_MESSAGES;

type Tree = { [key: string]: unknown };

/** The catalogue reduced to the given dotted paths ("review", "common.form"), nesting kept. */
export function pickMessages(messages: Messages, paths: readonly string[]): Tree {
  const picked: Tree = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: unknown = messages;
    for (const key of keys) from = (from as Tree | undefined)?.[key];
    if (from === undefined) throw new Error(`No message group ${path} in the catalogue`);
    let into = picked;
    for (const key of keys.slice(0, -1)) into = (into[key] ??= {}) as Tree;
    into[keys.at(-1)!] = from;
  }
  return picked;
}

// Built once per catalogue and segment: every page view renders one or two providers.
const picked = new WeakMap<Messages, Map<MessageRoute | null, Tree>>();

/** The messages a route segment's client components receive: the shared ones and the segment's. */
export function routeMessages(messages: Messages, route: MessageRoute | null): Tree {
  let byRoute = picked.get(messages);
  if (!byRoute) picked.set(messages, (byRoute = new Map()));
  let tree = byRoute.get(route);
  if (!tree)
    byRoute.set(
      route,
      (tree = pickMessages(messages, [...SHARED_CLIENT_MESSAGES, ...(route ? ROUTE_MESSAGES[route] : [])])),
    );
  return tree;
}
