// The check's own HTTP client: raw requests (any path bytes, any header, chunked
// bodies), a fresh connection each time (the scanners run for minutes and a
// kept-alive socket the server closed meanwhile would fail the next request),
// and, for probes that spend rate-limit budget, a source address of their own.
import { randomBytes, randomInt } from "node:crypto";
import { type IncomingHttpHeaders, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export type Reply = { status: number; headers: IncomingHttpHeaders; body: string; error: string | null };

export type Send = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent with content-length; an array of chunks without (chunked). */
  body?: string | Buffer | readonly Buffer[];
  /** Local address to connect from (see sourceAddresses). */
  source?: string;
  timeoutMs?: number;
};

/** Bodies beyond this are not kept: the probes read statuses, headers and short texts. */
const KEEP_BYTES = 512 * 1024;

export type Client = { base: URL; send(req: Send): Promise<Reply> };

export function httpClient(base: URL): Client {
  const hostname = base.hostname.replace(/^\[|\]$/g, "");
  const port = Number(base.port || (base.protocol === "https:" ? 443 : 80));
  const send = (req: Send): Promise<Reply> =>
    new Promise((resolve) => {
      const chunks = Array.isArray(req.body) ? (req.body as readonly Buffer[]) : null;
      const single = chunks ? null : ((req.body as string | Buffer | undefined) ?? "");
      const headers: Record<string, string> = { ...req.headers };
      if (single !== null && single.length > 0) headers["content-length"] = String(Buffer.byteLength(single));
      const open = base.protocol === "https:" ? httpsRequest : httpRequest;
      const r = open(
        {
          // "localhost" may resolve to ::1, which an IPv4 source address cannot reach.
          host: req.source && hostname === "localhost" ? "127.0.0.1" : hostname,
          port,
          method: req.method ?? "GET",
          path: req.path,
          localAddress: req.source,
          timeout: req.timeoutMs ?? 15_000,
          agent: false,
          rejectUnauthorized: false, // loopback only; a self-signed test certificate is expected
          headers: { host: base.host, ...headers },
        },
        (res) => {
          const parts: Buffer[] = [];
          let kept = 0;
          res.on("data", (c: Buffer) => {
            if (kept < KEEP_BYTES) parts.push(c);
            kept += c.length;
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(parts).toString("utf8"),
              error: null,
            }),
          );
          res.on("error", (e) => resolve({ status: 0, headers: {}, body: "", error: e.message }));
        },
      );
      r.on("error", (e) =>
        resolve({ status: 0, headers: {}, body: "", error: (e as NodeJS.ErrnoException).code ?? e.message }),
      );
      r.on("timeout", () => r.destroy(new Error("timeout")));
      if (chunks) {
        for (const c of chunks) r.write(c);
        r.end();
      } else r.end(single);
    });
  return { base, send };
}

/**
 * Fresh loopback source addresses (127.x.y.z) for probes that spend per-address
 * budget: a stranger's ten guesses, a report flood, the scanners' sign-in attempts
 * then cost the budget of a throwaway address, not that of 127.0.0.1 where the
 * operator's own browser and scripts sign in. Null when the portal is on ::1 (one address).
 */
export function sourceAddresses(base: URL): (() => string) | null {
  if (!/^(127\.|localhost$)/.test(base.hostname)) return null;
  return () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** multipart/form-data in the given field order (React reads the argument list "0" last). */
export function multipart(fields: readonly (readonly [string, string])[]): { type: string; body: string } {
  const boundary = `----security-check-${randomBytes(8).toString("hex")}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return { type: `multipart/form-data; boundary=${boundary}`, body: `${parts.join("")}--${boundary}--\r\n` };
}

/**
 * A form action's body as React's client sends it: the form's fields as "_1_<name>",
 * then "0" = [previous state, reference to the form].
 */
export function formActionBody(fields: Record<string, string>): { type: string; body: string } {
  const entries: [string, string][] = Object.entries(fields).map(([k, v]) => [`_1_${k}`, v]);
  entries.push(["0", JSON.stringify([{ status: "idle" }, "$K1"])]);
  return multipart(entries);
}

/** The name=value pairs a response sets (attributes dropped). */
export function setCookies(reply: Reply): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of reply.headers["set-cookie"] ?? []) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

export function header(reply: Reply, name: string): string | null {
  const v = reply.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** Runs `fn` over `items`, at most `size` at a time, results in order. */
export async function inPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
