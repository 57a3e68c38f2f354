// npm run synthetic-check -- <base-url> [--token T]
// Post-deploy smoke test: one line per check (✓/✗ and why), exit 1 on any failure.
// The token defaults to $MINIPORTAL_METRICS_TOKEN, so on the app's own host the
// check sees what Prometheus sees.
import { randomBytes } from "node:crypto";
import { parseFlags } from "./script-utils";

const USAGE = "Usage: npm run synthetic-check -- <base-url> [--token <metrics token>]";
const TIMEOUT_MS = 10_000;

type Outcome = { ok: true; detail: string } | { ok: false; detail: string } | { skipped: string };
type Check = { name: string; run: () => Promise<Outcome> };

const pass = (detail: string): Outcome => ({ ok: true, detail });
const fail = (detail: string): Outcome => ({ ok: false, detail });

async function get(
  url: URL,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url, {
    headers: { "user-agent": "miniportal-synthetic-check", ...headers },
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

type Health = { live?: boolean; ready?: boolean; reason?: string };

function parseHealth(body: string): Health | null {
  try {
    return JSON.parse(body) as Health;
  } catch {
    return null;
  }
}

export function checksFor(base: URL, token: string | undefined): Check[] {
  const at = (p: string) => new URL(p, base);
  let health: { status: number; body: Health | null } | null = null;
  const readHealth = async () => {
    if (!health) {
      const res = await get(at("/health"));
      health = { status: res.status, body: parseHealth(res.body) };
    }
    return health;
  };
  return [
    {
      name: "health",
      run: async () => {
        const h = await readHealth();
        if (!h.body) return fail(`/health answered ${h.status} without JSON`);
        if (h.status !== 200 || h.body.live !== true || h.body.ready !== true) {
          return fail(
            `/health answered ${h.status}: live=${h.body.live} ready=${h.body.ready}${h.body.reason ? ` (${h.body.reason})` : ""}`,
          );
        }
        return pass("200, live and ready");
      },
    },
    {
      name: "migrations applied",
      run: async () => {
        const h = await readHealth();
        if (h.body?.ready === true) return pass("readiness confirms every migration on disk is applied");
        return fail(h.body?.reason ?? `/health answered ${h.status}`);
      },
    },
    {
      name: "metrics without token",
      run: async () => {
        const res = await get(at("/metrics"));
        if (token)
          return res.status === 401
            ? pass("401: the scrape endpoint is gated")
            : fail(`expected 401 without the bearer token, got ${res.status}`);
        if (res.status === 401) return pass("401: gated by a token (pass --token to check the scrape)");
        if (res.status === 403)
          return pass("403: no token configured, so only loopback and private-network scrapers are answered");
        if (res.status === 200 && res.body.includes("portal_request_duration_seconds"))
          return pass("200: open (no MINIPORTAL_METRICS_TOKEN configured)");
        return fail(`expected 200 with portal_request_duration_seconds, 401 or 403, got ${res.status}`);
      },
    },
    {
      name: "metrics with token",
      run: async () => {
        if (!token) return { skipped: "no --token given" };
        const wrong = await get(at("/metrics"), { authorization: `Bearer ${token}x` });
        if (wrong.status !== 401) return fail(`a wrong token got ${wrong.status}, expected 401`);
        const res = await get(at("/metrics"), { authorization: `Bearer ${token}` });
        if (res.status !== 200)
          return fail(`expected 200 with the token, got ${res.status}${res.status === 401 ? " (wrong token?)" : ""}`);
        if (!res.body.includes("portal_request_duration_seconds"))
          return fail("200 but portal_request_duration_seconds is missing");
        return pass("200 with portal_request_duration_seconds; a wrong token gets 401");
      },
    },
    {
      name: "404 page",
      run: async () => {
        const res = await get(at(`/synthetic-check-${randomBytes(6).toString("hex")}`));
        if (res.status !== 404) return fail(`an unknown path answered ${res.status}, expected 404`);
        if (!res.type.includes("text/html"))
          return fail(`404 with content-type ${res.type || "none"}, expected text/html`);
        if (!/Page not found/i.test(res.body)) return fail("404 HTML without the 'Page not found' page");
        return pass("404 HTML 'Page not found'");
      },
    },
    {
      name: "login page",
      run: async () => {
        const res = await get(at("/login"));
        if (res.status !== 200)
          return fail(
            `/login answered ${res.status}${res.status >= 300 && res.status < 400 ? " (redirect)" : ""}, expected 200`,
          );
        const form = /<form[\s>]/.test(res.body) && /name="email"/.test(res.body) && /type="password"/.test(res.body);
        if (!form) return fail("200 but no sign-in form (email and password fields)");
        return pass("200 with the sign-in form");
      },
    },
  ];
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = parseFlags(args);
  const positional = args.filter((a, i) => !a.startsWith("--") && !(args[i - 1] === "--token"));
  if (positional.length !== 1 || flags.token === true) {
    console.error(USAGE);
    return 2;
  }
  let base: URL;
  try {
    base = new URL(positional[0]!);
    if (!/^https?:$/.test(base.protocol)) throw new Error("not http(s)");
  } catch {
    console.error(`Not an http(s) URL: ${positional[0]}\n${USAGE}`);
    return 2;
  }
  const token = typeof flags.token === "string" ? flags.token : process.env.MINIPORTAL_METRICS_TOKEN || undefined;

  console.log(`Synthetic check of ${base.origin}`);
  let failed = 0;
  let passed = 0;
  for (const check of checksFor(base, token)) {
    let outcome: Outcome;
    try {
      outcome = await check.run();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      outcome = fail(
        error instanceof Error && error.name === "TimeoutError"
          ? `no answer within ${TIMEOUT_MS / 1000} s`
          : `request failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
      );
    }
    if ("skipped" in outcome) {
      console.log(`– ${check.name}: skipped, ${outcome.skipped}`);
    } else if (outcome.ok) {
      passed++;
      console.log(`✓ ${check.name}: ${outcome.detail}`);
    } else {
      failed++;
      console.log(`✗ ${check.name}: ${outcome.detail}`);
    }
  }
  console.log(failed ? `FAIL: ${failed} of ${passed + failed} checks failed` : `PASS: ${passed} checks passed`);
  return failed ? 1 : 0;
}

process.exit(await main());
