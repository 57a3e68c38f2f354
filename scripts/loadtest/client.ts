// One simulated browser: a cookie jar, timed requests recorded under a route
// template, and server action calls. Requests go out through node:http so each
// student can speak from its own loopback address (see sourceAddressFor).
import { request as httpRequest } from "node:http";
import { isIPv4 } from "node:net";
import type { Recorder } from "./recorder";
import { actionRedirect, actionResult, encodeFormAction, type ActionState } from "./next-actions";

export type Answer = { status: number; body: string; ms: number; redirect: string | null; location: string | null };
export type ActionAnswer = Answer & { result: ActionState | null };

const TIMEOUT_MS = 30_000;

/**
 * Students sit at their own machines: against an IPv4 loopback portal, student i
 * connects from 127.0.<1 + i / 250>.<2 + i % 250> (Linux routes all of 127/8 to lo),
 * so per-address limits see 50 addresses, not one. `shared` puts everyone behind
 * one address, like a classroom behind NAT.
 */
export function sourceAddressFor(base: URL, index: number, shared: boolean): string | undefined {
  if (shared || !isIPv4(base.hostname) || !base.hostname.startsWith("127.")) return undefined;
  return `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`;
}

type RawAnswer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A request body as bytes; FormData is encoded as multipart by the platform's own encoder. */
async function encodeBody(body: string | FormData | undefined, headers: Headers): Promise<Buffer | undefined> {
  if (body === undefined) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  const encoded = new Response(body);
  headers.set("content-type", encoded.headers.get("content-type")!);
  return Buffer.from(await encoded.arrayBuffer());
}

async function send(
  url: URL,
  init: { method: string; headers: Headers; body?: string | FormData; localAddress?: string },
) {
  const body = await encodeBody(init.body, init.headers);
  return new Promise<RawAnswer>((resolve, reject) => {
    const headers = Object.fromEntries(init.headers.entries());
    if (body) headers["content-length"] = String(body.length);
    const req = httpRequest(
      url,
      { method: init.method, headers, localAddress: init.localAddress, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

const headerValue = (v: string | string[] | undefined): string | null =>
  Array.isArray(v) ? (v[0] ?? null) : (v ?? null);

export class Browser {
  private readonly cookies = new Map<string, string>();
  requests = 0;

  constructor(
    private readonly base: URL,
    private readonly recorder: Recorder,
    private readonly localAddress?: string,
  ) {}

  clearCookies(): void {
    this.cookies.clear();
  }

  hasCookie(name: RegExp): boolean {
    return [...this.cookies.keys()].some((k) => name.test(k));
  }

  private cookieHeader(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(setCookie: string[]): void {
    for (const line of setCookie) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) ||
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now());
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /**
   * One request, timed and recorded under `route`. `expect` decides whether the
   * answer is what the flow needed; a network error is recorded as status 0.
   */
  async request(
    route: string,
    path: string,
    init: {
      method: string;
      body?: string | FormData;
      headers?: Record<string, string>;
      expect: (a: Answer) => string | null;
    },
  ): Promise<Answer | null> {
    this.requests++;
    const startMs = this.recorder.now();
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    headers.set("user-agent", "miniportal-loadtest");
    try {
      const res = await send(new URL(path, this.base), {
        method: init.method,
        headers,
        body: init.body,
        localAddress: this.localAddress,
      });
      const ms = this.recorder.now() - startMs;
      const setCookie = res.headers["set-cookie"];
      this.keepCookies(Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []);
      const answer: Answer = {
        status: res.status,
        body: res.body,
        ms,
        redirect: actionRedirect(headerValue(res.headers["x-action-redirect"])),
        location: headerValue(res.headers.location),
      };
      const problem = init.expect(answer);
      this.recorder.record({ route, startMs, ms, status: res.status, ok: !problem });
      if (problem) this.recorder.fail(route, res.status, problem);
      return problem ? null : answer;
    } catch (error) {
      const ms = this.recorder.now() - startMs;
      this.recorder.record({ route, startMs, ms, status: 0, ok: false });
      this.recorder.fail(route, 0, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      return null;
    }
  }

  async page(route: string, path: string, check: (body: string) => string | null = () => null): Promise<string | null> {
    const answer = await this.request(route, path, {
      method: "GET",
      expect: (a) =>
        a.status !== 200 ? `GET ${path} answered ${a.status}${a.location ? ` → ${a.location}` : ""}` : check(a.body),
    });
    return answer?.body ?? null;
  }

  /** A server action call; `expect` sees the decoded result and redirect. */
  async action(
    route: string,
    path: string,
    actionId: string,
    fields: [string, string][],
    expect: (a: ActionAnswer) => string | null,
  ): Promise<ActionAnswer | null> {
    const body = await encodeFormAction({ status: "idle" }, fields);
    let decoded: ActionAnswer | null = null;
    const answer = await this.request(route, path, {
      method: "POST",
      body,
      headers: { "next-action": actionId, accept: "text/x-component", origin: this.base.origin },
      expect: (a) => {
        decoded = { ...a, result: a.redirect ? null : actionResult(a.body) };
        if (a.status !== 200) return `action answered ${a.status}`;
        return expect(decoded);
      },
    });
    return answer ? decoded : null;
  }
}
