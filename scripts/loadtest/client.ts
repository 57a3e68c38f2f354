// One simulated browser: a cookie jar, the page it is on, timed requests
// recorded under a route template, documents, client-side navigations and server
// action calls. Requests go out through node:http so each student can speak from
// its own loopback address (see sourceAddressFor), and take compressed answers
// as Chromium does.
import { request as httpRequest } from "node:http";
import { isIPv4 } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { Recorder } from "./recorder";
import { actionRedirect, actionResult, encodeFormAction, type ActionState } from "./next-actions";
import { navigationRequest, type Place, routerStateTree } from "./navigation";

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

/** "GET /phase/[nn]/notes (read-back)" → "/phase/[nn]/notes" */
const templateOf = (route: string) => route.replace(/^[A-Z]+ /, "").replace(/ \(.*\)$/, "");

const ACCEPT_ENCODING = "gzip, deflate, br";

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === "identity") return body;
  if (encoding === "br") return brotliDecompressSync(body);
  if (encoding === "gzip") return gunzipSync(body);
  if (encoding === "deflate") return inflateSync(body);
  throw new Error(`answer in an encoding not asked for: ${encoding}`);
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
        res.on("end", () => {
          try {
            const body = decode(Buffer.concat(chunks), res.headers["content-encoding"]);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.toString("utf8") });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
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
  /** The page on screen: where a navigation starts from; null in a fresh browser. */
  private at: Place | null = null;

  constructor(
    private readonly base: URL,
    private readonly recorder: Recorder,
    private readonly localAddress?: string,
  ) {}

  /** A fresh browser session: no cookies, no page. */
  clearCookies(): void {
    this.cookies.clear();
    this.at = null;
  }

  /** The student is now on `path`, shown from an answer it already has. */
  arrive(route: string, path: string): void {
    this.at = { template: templateOf(route), path };
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
    headers.set("accept-encoding", ACCEPT_ENCODING);
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

  /** The page loaded as a document (a fresh tab, a reload, a page without script): HTML. */
  async page(route: string, path: string, check: (body: string) => string | null = () => null): Promise<string | null> {
    return this.get(route, path, {}, check);
  }

  /**
   * A link followed inside the portal: Next's client-side navigation from the
   * page on screen (navigation.ts), answered with the page's Flight payload.
   * With no page on screen yet it is a document, as in a browser.
   */
  async navigate(
    route: string,
    path: string,
    check: (body: string) => string | null = () => null,
  ): Promise<string | null> {
    if (!this.at) return this.page(route, path, check);
    const nav = await navigationRequest(this.at, path);
    return this.get(route, nav.path, nav.headers, check, path);
  }

  private async get(
    route: string,
    url: string,
    headers: Record<string, string>,
    check: (body: string) => string | null,
    path = url,
  ): Promise<string | null> {
    const answer = await this.request(route, url, {
      method: "GET",
      headers,
      expect: (a) =>
        a.status !== 200 ? `GET ${path} answered ${a.status}${a.location ? ` → ${a.location}` : ""}` : check(a.body),
    });
    if (answer) this.arrive(route, path);
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
      headers: {
        "next-action": actionId,
        accept: "text/x-component",
        origin: this.base.origin,
        ...(this.at ? { "next-router-state-tree": routerStateTree(this.at) } : {}),
      },
      expect: (a) => {
        decoded = { ...a, result: a.redirect ? null : actionResult(a.body) };
        if (a.status !== 200) return `action answered ${a.status}`;
        return expect(decoded);
      },
    });
    return answer ? decoded : null;
  }
}
