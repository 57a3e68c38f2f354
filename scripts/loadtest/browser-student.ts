// Real Chromium students beside the HTTP ones (`--browsers N`): they redeem an
// invite and then click through the portal the way a person does — dashboard,
// header link to review (grade a card), a phase, its journal (type, save) — so
// the server also gets what a browser really sends: RSC navigations, any
// prefetches of the router (the portal's links make none), static assets. Every
// request the pages make is classified and timed from Chromium's own timing.
import type { Browser, Page, Request } from "@playwright/test";
import { createRouteMatcher, KNOWN_ROUTES } from "../../lib/observability/route-templates";
import type { Student } from "./invites";

export type RequestKind = "document" | "rsc-navigation" | "rsc-prefetch" | "server-action" | "static" | "other";
export type BrowserSample = { kind: RequestKind; route: string; method: string; status: number; ms: number };
export type BrowserRun = { pageViews: number; samples: BrowserSample[]; failures: string[] };

const matchRoute = createRouteMatcher(KNOWN_ROUTES);

function classify(request: Request, headers: Record<string, string>): RequestKind {
  const url = new URL(request.url());
  if (url.pathname.startsWith("/_next/static/") || url.pathname === "/favicon.ico") return "static";
  if (headers["next-action"]) return "server-action";
  if (request.resourceType() === "document") return "document";
  if (headers["rsc"] === "1") return headers["next-router-prefetch"] ? "rsc-prefetch" : "rsc-navigation";
  return "other";
}

type Ctx = { base: URL; deadline: number; thinkMs: number; maxPageViews: number };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = (ctx: Ctx) => pause(ctx.thinkMs * (0.5 + Math.random()));

async function settle(page: Page): Promise<void> {
  // Whatever the page fetches once loaded (a prefetch would start once its link is in view) is in.
  await page.waitForLoadState("networkidle", { timeout: 15_000 }).catch(() => {});
}

/** One student in its own browser context, until the deadline or its page-view cap. */
export async function runBrowserStudent(
  browser: Browser,
  student: Student,
  ctx: Ctx,
  startDelayMs: number,
): Promise<BrowserRun> {
  const run: BrowserRun = { pageViews: 0, samples: [], failures: [] };
  await pause(startDelayMs);
  const context = await browser.newContext({ baseURL: ctx.base.origin });
  const page = await context.newPage();
  // Classified when sent (the router's headers are there), recorded when finished.
  const kinds = new WeakMap<Request, RequestKind>();
  page.on("request", (request) => kinds.set(request, classify(request, request.headers())));
  page.on("requestfinished", (request) => {
    const kind = kinds.get(request) ?? "other";
    const route = kind === "static" ? "static" : matchRoute(new URL(request.url()).pathname);
    const sample: BrowserSample = {
      kind,
      route,
      method: request.method(),
      status: 0,
      ms: Math.max(0, request.timing().responseEnd),
    };
    run.samples.push(sample);
    request.response().then(
      (r) => (sample.status = r?.status() ?? 0),
      () => {},
    );
  });
  page.on("requestfailed", (request) => {
    if (!/ERR_ABORTED/.test(request.failure()?.errorText ?? ""))
      run.failures.push(`${request.method()} ${new URL(request.url()).pathname}: ${request.failure()?.errorText}`);
  });
  const step = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
      await settle(page);
      run.pageViews++;
    } catch (error) {
      run.failures.push(`${what}: ${(error as Error).message.split("\n")[0]}`);
    }
    await think(ctx);
  };
  try {
    await step("redeem invite", async () => {
      await page.goto(student.invitePath);
      await page.getByLabel("Choose a password").fill(student.password);
      await page.getByLabel("Repeat the password").fill(student.password);
      await page.getByRole("button", { name: "Create my account" }).click();
      await page.waitForURL(/\/me$/, { timeout: 30_000 });
    });
    const nav = page.getByRole("navigation", { name: "Main" });
    for (let round = 0; Date.now() < ctx.deadline && run.pageViews < ctx.maxPageViews; round++) {
      const nn = `0${1 + (round % 3)}`;
      await step("dashboard", async () => {
        await nav.getByRole("link", { name: "Dashboard" }).click();
        await page.waitForURL(/\/me$/);
      });
      await step("review", async () => {
        await nav.getByRole("link", { name: "Review" }).click();
        await page.waitForURL(/\/review$/);
        if (await page.getByTestId("review-card").count()) {
          // A click, not Space: after the header link's client-side navigation the link
          // keeps focus, and the review's shortcuts leave keys on links and buttons alone.
          await page.getByRole("button", { name: /Show answer/ }).click();
          await page.getByTestId("review-back").waitFor({ timeout: 30_000 });
          await page.keyboard.press("4");
        }
      });
      await step("phase", async () => {
        await nav.getByRole("link", { name: "Dashboard" }).click();
        await page.getByTestId(`phase-progress-${nn}`).getByRole("link").first().click();
        await page.waitForURL(new RegExp(`/phase/${nn}$`));
      });
      await step("journal", async () => {
        await page.getByRole("link", { name: "Journal" }).first().click();
        await page.waitForURL(new RegExp(`/phase/${nn}/notes$`));
        const editor = page.getByLabel("Journal text (markdown)");
        await editor.fill(
          `Browser student ${student.index}, round ${round}.\n\n- saved at ${new Date().toISOString()}`,
        );
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByText(/Saved at/).waitFor({ timeout: 15_000 });
      });
    }
  } finally {
    await context.close();
  }
  return run;
}

export type BrowserSummary = {
  students: number;
  pageViews: number;
  requests: number;
  exports: number;
  failures: string[];
  perPageView: Record<RequestKind, number>;
  byRoute: {
    kind: RequestKind;
    route: string;
    method: string;
    count: number;
    p50: number | null;
    p95: number | null;
  }[];
};

const nearestRank = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]! : null;

export function summarizeBrowsers(runs: BrowserRun[]): BrowserSummary {
  const samples = runs.flatMap((r) => r.samples);
  const pageViews = runs.reduce((n, r) => n + r.pageViews, 0);
  const kinds: RequestKind[] = ["document", "rsc-navigation", "rsc-prefetch", "server-action", "static", "other"];
  const perPageView = Object.fromEntries(
    kinds.map((k) => [k, pageViews ? samples.filter((s) => s.kind === k).length / pageViews : 0]),
  ) as Record<RequestKind, number>;
  const groups = new Map<string, BrowserSample[]>();
  for (const s of samples)
    if (s.kind !== "static")
      groups.set(`${s.kind} ${s.method} ${s.route}`, [...(groups.get(`${s.kind} ${s.method} ${s.route}`) ?? []), s]);
  const byRoute = [...groups.values()]
    .map((list) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        kind: list[0]!.kind,
        route: list[0]!.route,
        method: list[0]!.method,
        count: list.length,
        p50: nearestRank(ms, 0.5),
        p95: nearestRank(ms, 0.95),
      };
    })
    .sort((a, b) => b.count - a.count);
  return {
    students: runs.length,
    pageViews,
    requests: samples.length,
    exports: samples.filter((s) => s.route === "/me/export").length,
    failures: runs.flatMap((r) => r.failures),
    perPageView,
    byRoute,
  };
}

export function browserLines(b: BrowserSummary): string[] {
  const fmt = (x: number | null) => (x === null ? "-" : `${Math.round(x)}`);
  const per = Object.entries(b.perPageView)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n.toFixed(1)}`)
    .join(", ");
  // What the server renders per page a person sees: documents, navigations and the router's prefetches.
  const renders = b.perPageView.document + b.perPageView["rsc-navigation"] + b.perPageView["rsc-prefetch"];
  return [
    `browser students: ${renders.toFixed(1)} server renders per page view (${b.perPageView["rsc-prefetch"].toFixed(1)} of them prefetches)`,
    `browser students (Chromium): ${b.students}, ${b.pageViews} page views, ${b.requests} requests (${(b.requests / Math.max(1, b.pageViews)).toFixed(1)} per page view: ${per}); /me/export requested ${b.exports} times`,
    ...b.byRoute.map(
      (r) =>
        `  ${r.kind.padEnd(15)} ${`${r.method} ${r.route}`.padEnd(30)} n=${String(r.count).padEnd(5)} p50 ${fmt(r.p50)} ms, p95 ${fmt(r.p95)} ms`,
    ),
    ...(b.failures.length ? [`  browser failures: ${b.failures.length} (${b.failures.slice(0, 3).join("; ")})`] : []),
  ];
}
