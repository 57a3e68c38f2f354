// The running portal's server actions. Action ids change with every build, so
// they come from the build the portal runs: its server-reference manifest when
// the check runs from the portal's own checkout (--app-dir, default cwd; then
// every action has its name), else the pages themselves (the ids are in each
// form's hidden inputs and in the page's Flight payload).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { decodeEntities } from "../loadtest/html";
import type { Client } from "./http";

export type PortalAction = {
  id: string;
  /** The export's name (manifest only). */
  name: string | null;
  /** A page the action belongs to (the portal refuses an id posted elsewhere). */
  path: string;
  /** A form with no field of its own: sign-out buttons and their kind. */
  buttonOnly: boolean;
};

export type Actions = {
  from: string;
  list: PortalAction[];
  login: PortalAction | null;
  signOut: PortalAction | null;
  /** Ids the scanners must never reach: they end sessions or withdraw access. */
  neverScan: Set<string>;
};

/** Actions a scanner's form submission must not run (by export name). */
const NEVER_SCAN = /logout|signOut|deactivat|revoke|withdraw|delete|remove|freshInvite|issueReset/i;
const ID = "[0-9a-f]{42}";

const SAMPLE_PARAMS: Record<string, string> = {
  "[token]": "x".repeat(43),
  "[nn]": "01",
  "[id]": "nobody",
  "[attemptId]": "nobody",
};

/** "app/phase/[nn]/notes/page" -> "/phase/01/notes" */
function routeOf(worker: string): string {
  const route = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
  return route.replace(/\[[^\]]+\]/g, (segment) => SAMPLE_PARAMS[segment] ?? "x");
}

function fromManifest(file: string): PortalAction[] {
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node?: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  return Object.entries(manifest.node ?? {}).map(([id, entry]) => {
    const workers = Object.keys(entry.workers).filter((w) => !w.includes("_not-found") && !w.includes("test-support"));
    const own = workers.find((w) => w === "app/login/page") ?? workers[0] ?? "app/page";
    return { id, name: entry.exportedName ?? null, path: routeOf(own), buttonOnly: false };
  });
}

type PageForm = { id: string; fields: string[] };

/** The action forms of a server-rendered page: the action id and the form's own field names. */
export function pageForms(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, inner = ""] of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const names = [...inner.matchAll(/\bname="([^"]*)"/g)].map((m) => decodeEntities(m[1] ?? ""));
    const direct = names.map((n) => new RegExp(`^\\$ACTION_ID_(${ID})$`).exec(n)?.[1]).find(Boolean);
    const bound = new RegExp(`&quot;id&quot;:&quot;(${ID})&quot;`).exec(inner)?.[1];
    const id = direct ?? bound;
    if (id) forms.push({ id, fields: names.filter((n) => !n.startsWith("$ACTION_")) });
  }
  return forms;
}

/** Ids in the page's Flight payload (actions handed to client components without a form). */
function payloadIds(html: string): string[] {
  return [...html.matchAll(new RegExp(`\\\\"id\\\\":\\\\"(${ID})\\\\"`, "g"))].map((m) => m[1] ?? "");
}

async function fromPages(client: Client, cookie: string | null): Promise<PortalAction[]> {
  const pages: [string, string | null][] = [["/login", null]];
  if (cookie)
    for (const p of ["/me", "/account", "/review", "/admin/students", "/admin/audit"]) pages.push([p, cookie]);
  const found = new Map<string, PortalAction>();
  for (const [page, withCookie] of pages) {
    const reply = await client.send({ path: page, headers: withCookie ? { cookie: withCookie } : {} });
    if (reply.status !== 200) continue;
    for (const form of pageForms(reply.body)) {
      const login = form.fields.includes("email") && form.fields.includes("password") && page === "/login";
      const known = found.get(form.id);
      if (!known || login)
        found.set(form.id, {
          id: form.id,
          name: login ? "loginAction" : null,
          path: page,
          buttonOnly: form.fields.length === 0,
        });
    }
    for (const id of payloadIds(reply.body))
      if (!found.has(id)) found.set(id, { id, name: null, path: page, buttonOnly: false });
  }
  return [...found.values()];
}

export async function discoverActions(client: Client, appDir: string, cookie: string | null): Promise<Actions> {
  const file = path.join(appDir, ".next", "server", "server-reference-manifest.json");
  let list: PortalAction[] = [];
  let from = "";
  if (existsSync(file)) {
    list = fromManifest(file);
    // The manifest must be the running build's: its sign-in action is on the running /login.
    const login = list.find((a) => a.name === "loginAction");
    const page = await client.send({ path: "/login" });
    if (login && page.body.includes(login.id)) from = `the build's manifest (${file})`;
    else list = [];
  }
  if (!from) {
    list = await fromPages(client, cookie);
    from = existsSync(file)
      ? `the pages (${file} belongs to another build than the running portal)`
      : "the pages (no build manifest under --app-dir)";
  }
  const signOut = list.find((a) => a.name === "logoutAction") ?? list.find((a) => a.buttonOnly) ?? null;
  const neverScan = new Set(list.filter((a) => (a.name ? NEVER_SCAN.test(a.name) : a.buttonOnly)).map((a) => a.id));
  return { from, list, login: list.find((a) => a.name === "loginAction") ?? null, signOut, neverScan };
}

/** The sign-out action on a signed-in page (the header's form with no field of its own). */
export function signOutOn(html: string): string | null {
  return pageForms(html).find((f) => f.fields.length === 0)?.id ?? null;
}
