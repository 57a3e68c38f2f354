// Calling Next.js server actions over plain HTTP, exactly as the browser does:
//
//  * The action id comes from the build's .next/server/server-reference-manifest.json,
//    which maps each id to the file and export that defines it. The ids change
//    with every build, so they are read from the build the server runs.
//  * The arguments are encoded with the same React encoder the browser bundle
//    uses (encodeReply from Next's vendored react-server-dom-webpack): for a
//    useActionState form that is [previousState, formData].
//  * The request is a POST to the page's URL with `Next-Action: <id>` and
//    `Accept: text/x-component`, plus the same-origin `Origin` header the portal's
//    CSRF guard checks.
//  * The answer is a React Flight stream. Row 0 is {"a": <result>, ...} where the
//    result is inline or a reference "$@<row>"; a redirect() in the action shows
//    as the `x-action-redirect: <path>;push` header instead.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

type ManifestEntry = { filename?: string; exportedName?: string };

export type ActionIds = Record<ActionName, string>;

/** The actions the simulated students use: source file and export. */
export const ACTIONS = {
  redeemInvite: ["app/invite/[token]/actions.ts", "redeemInviteAction"],
  login: ["app/login/actions.ts", "loginAction"],
  saveNote: ["app/phase/[nn]/notes/actions.ts", "saveNoteAction"],
  gradeCard: ["app/review/actions.ts", "gradeCardAction"],
  submitExam: ["app/phase/[nn]/exam/actions.ts", "submitExamAction"],
} as const;
export type ActionName = keyof typeof ACTIONS;

export function loadActionIds(buildDir: string): { ids: Partial<ActionIds>; missing: ActionName[] } {
  const file = path.join(buildDir, "server", "server-reference-manifest.json");
  if (!existsSync(file))
    throw new Error(
      `${file} not found: run the load test from the directory of the server's build (or pass --build-dir).`,
    );
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  const ids: Partial<ActionIds> = {};
  const missing: ActionName[] = [];
  for (const [name, [filename, exportedName]] of Object.entries(ACTIONS) as [ActionName, readonly [string, string]][]) {
    const id = Object.entries(manifest.node).find(
      ([, e]) => e.filename === filename && e.exportedName === exportedName,
    )?.[0];
    if (id) ids[name] = id;
    else missing.push(name);
  }
  return { ids, missing };
}

export async function encodeFormAction(previous: unknown, fields: [string, string][]): Promise<FormData | string> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  return encodeReply([previous, form]);
}

export type ActionState = {
  status?: string;
  message?: string;
  data?: Record<string, string>;
  fieldErrors?: Record<string, string>;
};

/** The action's return value from a Flight response body, or null when it is not there. */
export function actionResult(body: string): ActionState | null {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  const parse = (row: string | undefined): unknown => {
    if (row === undefined) return null;
    try {
      return JSON.parse(row);
    } catch {
      return null;
    }
  };
  const root = parse(rows.get("0")) as { a?: unknown } | null;
  let result = root?.a;
  if (typeof result === "string" && result.startsWith("$@"))
    result = parse(rows.get(parseInt(result.slice(2), 16).toString(16)));
  return result && typeof result === "object" ? (result as ActionState) : null;
}

/** "/me;push" → "/me" */
export function actionRedirect(header: string | null): string | null {
  return header ? (header.split(";")[0] ?? null) : null;
}

/**
 * What an answer to a redirecting action carries of its target. Next renders the
 * target into the answer (its Flight data, page segment included) and a browser
 * shows it from there, asking the server again only when the answer has none.
 */
export function redirectedPage(body: string): "page" | "failed" | "absent" {
  if (/^[0-9a-f]+:E\{/m.test(body)) return "failed";
  return body.includes('"__PAGE__"') ? "page" : "absent";
}
