// Server-action payload shapes with the build's REAL action ids (a made-up id is
// refused before anything reads the body, so it proves nothing): the Flight
// reply decoder's references, broken or deep chunks, huge argument lists, bodies
// around Next's size limit, chunked bodies, and Origin/Host/X-Forwarded-Host
// combinations Next.js itself answers with 500. Every answer must be < 500 and
// come within the timeout. No field is a sign-in's, so no shape spends budget.
import type { PortalAction } from "./actions";
import { type Client, formActionBody, inPool, multipart } from "./http";
import { type Outcome, outcome } from "./report";

type Shape = {
  label: string;
  type: string;
  body: string | Buffer[];
  headers?: Record<string, string>;
};

const MIB = 1024 * 1024;
const STATE = { status: "idle" };
const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const manyArguments = `[${new Array(100_000).fill("0").join(",")}]`;

/** A multipart body: field "0" the argument list, plus the given chunks. */
function flight(root: unknown, chunks: Record<string, string> = {}): { type: string; body: string } {
  return multipart([...Object.entries(chunks), ["0", typeof root === "string" ? root : JSON.stringify(root)]]);
}

function shapes(action: PortalAction, origin: URL): Shape[] {
  const fromFlight = (label: string, root: unknown, chunks?: Record<string, string>): Shape => ({
    label,
    ...flight(root, chunks),
  });
  const harmless = formActionBody({ note: "security-check" }); // no sign-in field: never reaches Argon2
  const other = origin.hostname === "localhost" ? `127.0.0.1:${origin.port}` : `localhost:${origin.port}`;
  return [
    { label: "text/plain []", type: "text/plain;charset=UTF-8", body: "[]" },
    { label: 'text/plain ["$Q1"]', type: "text/plain;charset=UTF-8", body: '["$Q1"]' },
    { label: 'text/plain ["$1:__proto__:then"]', type: "text/plain;charset=UTF-8", body: '["$1:__proto__:then"]' },
    { label: "text/plain 100 000 arguments", type: "text/plain;charset=UTF-8", body: manyArguments },
    fromFlight("multipart 100 000 arguments", manyArguments),
    fromFlight('"$Q1" (Map)', [STATE, "$Q1"], { "1": "[]" }),
    fromFlight('"$h1" (server reference)', [STATE, "$h1"], { "1": JSON.stringify({ id: action.id, bound: null }) }),
    fromFlight('"$B1" (Blob)', [STATE, "$B1"], { "1": "x" }),
    fromFlight('"$1:__proto__:then"', [STATE, "$1:__proto__:then"], { "1": "{}" }),
    fromFlight('"$@1" (promise)', [STATE, "$@1"], { "1": "{}" }),
    fromFlight('chunk "1" missing', [STATE, "$1"]),
    fromFlight('chunk "1" not JSON', [STATE, "$1"], { "1": "{not json" }),
    fromFlight('chunk "1" 5000 deep', [STATE, "$1"], { "1": deep(5000) }),
    { label: "X-Forwarded-Host other than Origin", ...harmless, headers: { "x-forwarded-host": "evil.example" } },
    // CSRF accepts either origin (base URL or Host); Next.js insists on Host.
    { label: `Origin ${origin.host}, Host ${other}`, ...harmless, headers: { host: other } },
    { label: `Origin http://${other}, Host ${origin.host}`, ...harmless, headers: { origin: `http://${other}` } },
    {
      label: "form post without JavaScript, bound arguments 5000 deep",
      ...multipart([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })],
        ["$ACTION_1:1", deep(5000)],
      ]),
    },
    {
      label: 'form post without JavaScript, bound "$Q1"',
      ...multipart([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", JSON.stringify({ id: action.id, bound: "$@1" })],
        ["$ACTION_1:1", JSON.stringify(["$Q1"])],
      ]),
    },
  ];
}

/** Bodies around the 2 MiB limit (Next's default is 1 MB), sized and chunked: sent to one action only. */
function bigShapes(): Shape[] {
  const sized = (bytes: number) => formActionBody({ pad: "x".repeat(bytes) });
  const chunked = (bytes: number) => {
    const { type, body } = sized(bytes);
    const buf = Buffer.from(body);
    const parts: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 64 * 1024) parts.push(buf.subarray(i, i + 64 * 1024));
    return { type, body: parts };
  };
  return [
    { label: "1.5 MiB body", ...sized(1.5 * MIB) },
    { label: "1.9 MiB body", ...sized(1.9 * MIB) },
    { label: "2.5 MiB body", ...sized(2.5 * MIB) },
    { label: "1.5 MiB chunked body", ...chunked(1.5 * MIB) },
    { label: "3 MiB chunked body", ...chunked(3 * MIB) },
  ];
}

/** The actions to aim at: the sign-in form first, then a few of other kinds and pages. */
function targets(list: readonly PortalAction[]): PortalAction[] {
  const preferred = ["loginAction", "logoutAction", "saveNoteAction", "redeemInviteAction", "switchLocaleAction"];
  const named = preferred.flatMap((n) => list.filter((a) => a.name === n));
  const rest = list.filter((a) => !named.includes(a) && !a.path.startsWith("/test-support"));
  return [...named, ...rest].slice(0, 6);
}

export async function payloadShapes(client: Client, list: readonly PortalAction[]): Promise<Outcome> {
  const name = "action payload shapes";
  const chosen = targets(list);
  if (chosen.length === 0) return outcome(name, null, "no server action found", ["no action ids: cannot probe"]);
  const jobs = chosen.flatMap((action, i) =>
    [...shapes(action, client.base), ...(i === 0 ? bigShapes() : [])].map((shape) => ({ action, shape })),
  );
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  await inPool(jobs, 4, async ({ action, shape }) => {
    const reply = await client.send({
      method: "POST",
      path: action.path,
      headers: {
        accept: "text/x-component",
        "next-action": action.id,
        origin: client.base.origin,
        "content-type": shape.type,
        ...shape.headers,
      },
      body: shape.body,
      timeoutMs: 20_000,
    });
    statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
    if (reply.status >= 500 || reply.status === 0)
      failures.push(
        `${action.name ?? action.id.slice(0, 10)} ${action.path}, ${shape.label}: ${reply.status || `no answer (${reply.error})`}`,
      );
  });
  const tally = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s || "none"}×${n}`);
  return outcome(
    name,
    null,
    `${jobs.length} posts to ${chosen.length} real actions (${chosen.map((a) => a.name ?? `${a.id.slice(0, 8)}… ${a.path}`).join(", ")}): ${tally.join(" ")}`,
    failures,
  );
}
