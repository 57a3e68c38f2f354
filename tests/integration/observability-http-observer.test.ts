// The request observer on a real Node HTTP server: Node's diagnostics channels,
// the prom-client registry, pino lines and the request store, without mocks.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";
import { installHttpObserver } from "@/lib/observability/http-observer";
import { metrics } from "@/lib/observability/metrics";
import { bindRequestUser, currentRequestStore } from "@/lib/observability/request-context";
import { createRouteMatcher } from "@/lib/observability/route-templates";
import { waitUntil } from "../helpers/wait";

const lines: Record<string, unknown>[] = [];
const log = createLogger(
  { level: "debug", json: true },
  { write: (line: string) => void lines.push(JSON.parse(line)) },
);
const m = metrics();
let base = "";
let stop: () => void;
const seenInHandler: { requestId?: string; header?: string }[] = [];

const server = http.createServer((req, res) => {
  const url = req.url ?? "/";
  // The store opened by the observer is the context the handler runs in, across awaits.
  void (async () => {
    await new Promise((r) => setTimeout(r, 5));
    seenInHandler.push({ requestId: currentRequestStore()?.requestId, header: req.headers["x-request-id"] as string });
    if (url.startsWith("/me")) bindRequestUser("user-7");
    if (url === "/boom") return res.writeHead(500).end("boom");
    if (url === "/action") {
      // As Next.js does for a redirecting server action: fetch the target from
      // ourselves with the action request's headers, and relay the body.
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k)),
      ) as Record<string, string>;
      const target = await fetch(`${base}/me`, { headers });
      return res.writeHead(200).end(await target.text());
    }
    if (url === "/slow") return; // the client aborts this one
    if (url.startsWith("/phase/")) return res.writeHead(404).end();
    res.writeHead(url === "/login" ? 303 : 200).end("ok");
  })();
});

const histogramCount = async (labels: Record<string, string>) => {
  const { values } = await m.requestDuration.get();
  return values
    .filter(
      (v) =>
        v.metricName === "portal_request_duration_seconds_count" &&
        Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x),
    )
    .reduce((n, v) => n + v.value, 0);
};
const inFlight = async () => (await m.requestsInFlight.get()).values[0]?.value ?? 0;

beforeAll(async () => {
  stop = installHttpObserver({
    matcher: createRouteMatcher(["/me", "/login", "/phase/[nn]/notes", "/boom", "/slow", "/metrics", "/action"]),
    metrics: m,
    log,
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  stop();
  server.close();
});

describe("HTTP observer", () => {
  it("counts each request once under its route template and status", async () => {
    const before = await histogramCount({ route: "/phase/[nn]/notes", method: "GET", status: "404" });
    for (let i = 0; i < 7; i++) expect((await fetch(`${base}/phase/${10 + i}/notes`)).status).toBe(404);
    expect(await histogramCount({ route: "/phase/[nn]/notes", method: "GET", status: "404" })).toBe(before + 7);
    await fetch(`${base}/login`, { method: "POST", redirect: "manual" });
    expect(await histogramCount({ route: "/login", method: "POST", status: "303" })).toBe(1);
    await fetch(`${base}/no/such/thing`);
    expect(await histogramCount({ route: "unmatched" })).toBe(1);
  });

  it("counts 5xx in portal_server_errors_total too", async () => {
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    const { values } = await m.serverErrors.get();
    expect(values.find((v) => v.labels.route === "/boom")?.value).toBe(1);
  });

  it("skips static assets and does not count /metrics", async () => {
    const total = async () => histogramCount({});
    const before = await total();
    await fetch(`${base}/_next/static/chunks/x.js`);
    await fetch(`${base}/metrics`);
    expect(await total()).toBe(before);
  });

  it("echoes a valid request id, replaces a bad one, and the handler sees the same id", async () => {
    seenInHandler.length = 0;
    const kept = await fetch(`${base}/me`, { headers: { "x-request-id": "client-id-0001" } });
    expect(kept.headers.get("x-request-id")).toBe("client-id-0001");
    const replaced = await fetch(`${base}/me`, { headers: { "x-request-id": "bad id\twith tab" } });
    const minted = replaced.headers.get("x-request-id")!;
    expect(minted).toMatch(/^[0-9a-f-]{36}$/);
    expect(seenInHandler).toEqual([
      { requestId: "client-id-0001", header: "client-id-0001" },
      { requestId: minted, header: minted },
    ]);
  });

  it("logs one request.completed line per request with the verified user", async () => {
    lines.length = 0;
    await fetch(`${base}/me`, { headers: { "x-request-id": "client-id-0002" } });
    await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { "x-request-id": "client-id-0003" } });
    // Logged when the response has finished, just after the client has it.
    await waitUntil(
      "2 request.completed lines",
      () => lines.filter((l) => l.event === "request.completed").length >= 2,
    );
    const completed = lines.filter((l) => l.event === "request.completed");
    expect(completed).toHaveLength(2);
    expect(completed[0]).toMatchObject({
      level: "info",
      request_id: "client-id-0002",
      student_id: "user-7",
      route: "/me",
      method: "GET",
      status: 200,
    });
    expect(completed[1]).toMatchObject({
      request_id: "client-id-0003",
      student_id: null,
      route: "/login",
      method: "POST",
      status: 303,
    });
    expect(typeof completed[0]!.latency_ms).toBe("number");
  });

  it("does not count or log Next's own re-dispatch of a request, but does count a client's", async () => {
    lines.length = 0;
    const before = await histogramCount({});
    await fetch(`${base}/action`, { method: "POST", headers: { "x-request-id": "client-id-0004" } });
    await waitUntil("the /action request counted", async () => (await histogramCount({})) - before >= 1);
    await waitUntil("its request.completed line", () => lines.some((l) => l.event === "request.completed"));
    expect((await histogramCount({})) - before).toBe(1);
    expect(lines.filter((l) => l.event === "request.completed").map((l) => [l.route, l.request_id])).toEqual([
      ["/action", "client-id-0004"],
    ]);
    expect(lines.find((l) => l.event === "request.forwarded")).toMatchObject({
      level: "debug",
      request_id: "client-id-0004",
      route: "/me",
    });
    // A client cannot hide a request by sending the header itself.
    await fetch(`${base}/me`, { headers: { "x-miniportal-forward": "guess" } });
    expect((await histogramCount({})) - before).toBe(2);
  });

  it("brings in-flight back to 0, also when the client aborts", async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/slow`, { signal: controller.signal }).catch(() => "aborted");
    await waitUntil("the /slow request in flight", async () => (await inFlight()) === 1);
    controller.abort();
    expect(await pending).toBe("aborted");
    await waitUntil("in-flight back to 0 after the abort", async () => (await inFlight()) === 0);
    expect(await histogramCount({ route: "/slow", status: "499" })).toBe(1);
  });
});
