// One simulated browser: a cookie jar, timed requests recorded under a route
// template, and server action calls.
import type { Recorder } from "./recorder";
import { actionRedirect, actionResult, encodeFormAction, type ActionState } from "./next-actions";

export type Answer = { status: number; body: string; ms: number; redirect: string | null; location: string | null };
export type ActionAnswer = Answer & { result: ActionState | null };

const TIMEOUT_MS = 30_000;

export class Browser {
  private readonly cookies = new Map<string, string>();
  requests = 0;

  constructor(
    private readonly base: URL,
    private readonly recorder: Recorder,
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

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
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
    init: RequestInit & { expect: (a: Answer) => string | null },
  ): Promise<Answer | null> {
    this.requests++;
    const startMs = this.recorder.now();
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    headers.set("user-agent", "miniportal-loadtest");
    try {
      const res = await fetch(new URL(path, this.base), {
        ...init,
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body = await res.text();
      const ms = this.recorder.now() - startMs;
      this.keepCookies(res);
      const answer: Answer = {
        status: res.status,
        body,
        ms,
        redirect: actionRedirect(res.headers.get("x-action-redirect")),
        location: res.headers.get("location"),
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
