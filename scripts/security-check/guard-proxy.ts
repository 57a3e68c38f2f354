// A loopback HTTP proxy every scanner request goes through (wapiti -p, sqlmap
// --proxy), so that nothing can leave the machine and no scan ends its own session:
//  * it forwards only to the portal's own origin; any other host (a module's
//    external endpoint, a redirect to the internet) and every CONNECT get a 403
//    from the proxy itself and are counted;
//  * it refuses, without forwarding, posts that would run an action ending a
//    session or withdrawing access (wapiti submits every form it crawls, and the
//    Sign out buttons are server-action forms posted to the page's own URL, which
//    wapiti 3.0.4's URL exclusions cannot tell from the page — and its -x crashes
//    on Python 3.11 anyway);
//  * it adds the signed-in cookie itself, so no credential is on a scanner's
//    command line;
//  * each forwarded request leaves from a fresh 127.x.y.z address, so a scanner's
//    sign-in attempts spend throwaway addresses' budgets, not 127.0.0.1's.
import { type IncomingMessage, type ServerResponse, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export type GuardStats = {
  forwarded: number;
  refusedHosts: Map<string, number>;
  refusedActions: number;
  errors: number;
};
export type Guard = { url: string; stats: GuardStats; close(): Promise<void> };

const HOP_BY_HOP = new Set([
  "proxy-connection",
  "proxy-authorization",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);
const MAX_BODY = 16 * 1024 * 1024;

function mergeCookies(configured: string | null, sent: string | undefined): string | undefined {
  if (!configured) return sent;
  const names = new Set(configured.split(";").map((p) => p.split("=")[0]?.trim()));
  const kept = (sent ?? "")
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p && !names.has(p.split("=")[0]?.trim()));
  return [configured, ...kept].join("; ");
}

/** Why a request must not reach the portal, or null. */
async function refusal(req: IncomingMessage, body: Buffer, neverIds: ReadonlySet<string>): Promise<string | null> {
  const action = req.headers["next-action"];
  const text = body.toString("latin1");
  for (const id of neverIds)
    if (action === id || text.includes(id)) return "an action that ends a session or withdraws access";
  const type = req.headers["content-type"] ?? "";
  if (req.method === "POST" && type.startsWith("multipart/form-data")) {
    try {
      const names = [
        ...(await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData()).keys(),
      ];
      // A form with no field of its own is a button: Sign out, Sign out everywhere, and their kind.
      if (names.length > 0 && names.every((n) => n.startsWith("$ACTION_"))) return "a button-only action form";
    } catch {
      // unreadable: the portal refuses it itself
    }
  }
  return null;
}

export async function startGuard(opts: {
  target: URL;
  cookie: string | null;
  neverIds: ReadonlySet<string>;
  source: (() => string) | null;
}): Promise<Guard> {
  const stats: GuardStats = { forwarded: 0, refusedHosts: new Map(), refusedActions: 0, errors: 0 };
  const refuseHost = (host: string) => stats.refusedHosts.set(host, (stats.refusedHosts.get(host) ?? 0) + 1);
  const connectHost = opts.target.hostname.replace(/^\[|\]$/g, "");
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "");
    } catch {
      res.writeHead(400).end("security-check guard: absolute URLs only\n");
      return;
    }
    if (url.protocol !== opts.target.protocol || url.host !== opts.target.host) {
      refuseHost(url.host);
      res.writeHead(403, { "content-type": "text/plain" }).end("security-check guard: loopback target only\n");
      return;
    }
    const parts: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      parts.push(c as Buffer);
    }
    const body = Buffer.concat(parts);
    const why = await refusal(req, body, opts.neverIds);
    if (why) {
      stats.refusedActions++;
      res.writeHead(403, { "content-type": "text/plain" }).end(`security-check guard: ${why} is not scanned\n`);
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
    const cookie = mergeCookies(opts.cookie, req.headers.cookie);
    if (cookie) headers.cookie = cookie;
    headers["content-length"] = String(body.length);
    stats.forwarded++;
    const upstream = httpRequest(
      {
        host: opts.source && connectHost === "localhost" ? "127.0.0.1" : connectHost,
        port: Number(opts.target.port || 80),
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        localAddress: opts.source?.(),
        agent: false,
        timeout: 60_000,
      },
      (up) => {
        const back: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) back[k] = v;
        res.writeHead(up.statusCode ?? 502, back);
        up.pipe(res);
      },
    );
    upstream.on("timeout", () => upstream.destroy(new Error("timeout")));
    upstream.on("error", () => {
      stats.errors++;
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    upstream.end(body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      stats.errors++;
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on("connect", (req: IncomingMessage, socket) => {
    refuseHost(req.url ?? "?");
    socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function describeGuard(stats: GuardStats): string {
  const hosts = [...stats.refusedHosts.entries()].map(([h, n]) => `${h}×${n}`).join(", ");
  return (
    `${stats.forwarded} forwarded, ${stats.refusedActions} sign-out/withdrawing posts refused` +
    (hosts ? `, refused other hosts: ${hosts}` : ", no other host asked for") +
    (stats.errors ? `, ${stats.errors} upstream errors` : "")
  );
}
