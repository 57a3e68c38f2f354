// The load test's own parts that decide verdicts: the loopback guard, option
// bounds, reading action results and pages, and the /metrics arithmetic. The
// whole harness runs against the real portal in e2e/60-ops.spec.ts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { serverNodeVersion } from "@/scripts/bench/cpu-pinning";
import { examAnswers, firstDueCard, noteText, noteVersion } from "@/scripts/loadtest/html";
import { flightExamAnswers, flightFirstDueCard, flightNoteVersion } from "@/scripts/loadtest/flight";
import { navigationRequest, routerStateTree } from "@/scripts/loadtest/navigation";
import { actionRedirect, actionResult, redirectedPage } from "@/scripts/loadtest/next-actions";
import { type BrowserSample, summarizeBrowsers } from "@/scripts/loadtest/browser-student";
import { isLoopbackHost, parseDuration, parseOptions } from "@/scripts/loadtest/options";
import { percentile } from "@/scripts/loadtest/recorder";
import { parseExposition, serverDelta } from "@/scripts/loadtest/server-metrics";

describe("options", () => {
  it("accepts loopback only", () => {
    for (const h of ["127.0.0.1", "127.3.2.1", "localhost", "[::1]", "::1"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["10.0.0.1", "192.0.2.10", "example.org", "localhost.example.org", "[2001:db8::1]", "0.0.0.0"])
      expect(isLoopbackHost(h), h).toBe(false);
    expect(() => parseOptions(["--base-url", "http://portal.example.org"], {}, 3000)).toThrow(
      /only runs against loopback/,
    );
  });

  it("bounds students, duration and requests", () => {
    expect(parseDuration("60s")).toBe(60_000);
    expect(parseDuration("2m")).toBe(120_000);
    expect(parseDuration("soon")).toBeNull();
    const o = parseOptions(
      ["--students", "50", "--duration", "90s"],
      { MINIPORTAL_METRICS_TOKEN: "t".repeat(20) },
      3100,
    );
    expect(o).toMatchObject({ students: 50, durationMs: 90_000, maxRequestsPerStudent: 600, token: "t".repeat(20) });
    expect(o.baseUrl.origin).toBe("http://127.0.0.1:3100");
    expect(() => parseOptions(["--students", "5000"], {}, 3000)).toThrow(
      /--students must be a whole number from 1 to 200/,
    );
    expect(() => parseOptions(["--duration", "2h"], {}, 3000)).toThrow(/--duration must be between/);
    expect(() => parseOptions(["--rps", "9"], {}, 3000)).toThrow(/Unknown option --rps/);
    expect(o.browsers).toBe(0);
    expect(parseOptions(["--browsers", "3"], {}, 3000).browsers).toBe(3);
    // Students follow links as a browser does unless asked to load every page as a document.
    expect(o.documents).toBe(false);
    expect(parseOptions(["--documents"], {}, 3000).documents).toBe(true);
    // Behind a balancer the server's numbers come from every instance, each on loopback.
    expect(o.metricsFrom.map(String)).toEqual(["http://127.0.0.1:3100/"]);
    const behind = parseOptions(
      ["--base-url", "http://127.0.0.1:8080", "--metrics-from", "http://127.0.0.1:3001,http://127.0.0.1:3002/"],
      {},
      3000,
    );
    expect(behind.metricsFrom.map(String)).toEqual(["http://127.0.0.1:3001/", "http://127.0.0.1:3002/"]);
    expect(() => parseOptions(["--metrics-from", "http://127.0.0.1:3001,http://10.0.0.2:3000"], {}, 3000)).toThrow(
      /only runs against loopback/,
    );
    expect(() => parseOptions(["--browsers", "50"], {}, 3000)).toThrow(/--browsers must be a whole number from 0 to 5/);
  });

  it("summarises browser students per page view, kind and route", () => {
    const sample = (kind: BrowserSample["kind"], route: string, ms: number): BrowserSample => ({
      kind,
      route,
      method: "GET",
      status: 200,
      ms,
    });
    const summary = summarizeBrowsers([
      {
        pageViews: 2,
        failures: [],
        samples: [
          sample("document", "/me", 40),
          sample("rsc-prefetch", "/review", 10),
          sample("rsc-prefetch", "/review", 30),
          sample("static", "static", 1),
        ],
      },
      { pageViews: 2, failures: ["review: timeout"], samples: [sample("rsc-navigation", "/review", 20)] },
    ]);
    expect(summary).toMatchObject({
      students: 2,
      pageViews: 4,
      requests: 5,
      exports: 0,
      failures: ["review: timeout"],
    });
    expect(summary.perPageView).toMatchObject({
      document: 0.25,
      "rsc-prefetch": 0.5,
      "rsc-navigation": 0.25,
      static: 0.25,
    });
    expect(summary.byRoute[0]).toEqual({
      kind: "rsc-prefetch",
      route: "/review",
      method: "GET",
      count: 2,
      p50: 10,
      p95: 30,
    });
  });
});

describe("server action answers", () => {
  it("finds the result through row 0's reference, and redirects in the header", () => {
    const body =
      '0:{"a":"$@1","q":"","i":false,"b":"build"}\n1:{"status":"success","message":"Saved.","data":{"outcome":"saved","version":"3"}}\n';
    expect(actionResult(body)).toMatchObject({ status: "success", data: { version: "3" } });
    expect(actionResult('0:{"a":{"status":"error","message":"No."},"b":"x"}\n')).toMatchObject({ status: "error" });
    expect(actionResult("<html>not flight</html>")).toBeNull();
    expect(actionRedirect("/me;push")).toBe("/me");
    expect(actionRedirect(null)).toBeNull();
  });

  it("tells whether a redirect's answer carries its target page, as the browser would show it", () => {
    const page =
      '1:"$Sreact.fragment"\n5:[["children",{"s":"__PAGE__","d":{"r":["$","$1","c",{}]}}]]\n0:{"b":"build"}\n';
    expect(redirectedPage(page)).toBe("page");
    expect(redirectedPage("")).toBe("absent");
    expect(redirectedPage(`${page}7:E{"digest":"123"}\n`)).toBe("failed");
  });
});

describe("pages", () => {
  it("reads the journal text and version, the due card and the exam form", () => {
    const notes =
      '<div class="absolute inset-0" dir="auto" data-testid="note-text-loading">a &lt;b&gt; &amp; &lt;/div&gt; &quot;c&quot;\r\nline 2</div></div><p id="note-status" data-testid="save-status">Saved at <time>x</time> · version <!-- -->7</p>';
    expect(noteText(notes)).toBe('a <b> & </div> "c"\r\nline 2');
    expect(noteText('<div data-testid="note-text-loading"><span class="text-slate-500"># What</span></div>')).toBe("");
    expect(noteText("<p>no editor</p>")).toBeNull();
    expect(noteVersion(notes)).toBe(7);
    expect(noteVersion('<p data-testid="save-status">Not saved yet</p>')).toBe(0);
    expect(noteVersion("<p>no editor</p>")).toBeNull();
    expect(firstDueCard('<div data-testid="review-card" data-card-id="card_1">')).toBe("card_1");
    const exam =
      '<input type="hidden" name="phase" value="01"/><input type="hidden" name="startToken" value="t.s"/><input type="hidden" name="questionIds" value="q1,q2"/>' +
      '<input type="radio" name="q.q1" value="a"/><input type="radio" name="q.q1" value="b"/><input type="checkbox" name="q.q2" value="c"/>';
    expect(examAnswers(exam)).toEqual([
      ["phase", "01"],
      ["startToken", "t.s"],
      ["questionIds", "q1,q2"],
      ["q.q1", "a"],
      ["q.q2", "c"],
    ]);
    expect(examAnswers("<form></form>")).toBeNull();
  });
});

describe("navigations, as Chromium sends them on Next 16", () => {
  // Headers and URLs captured from Chromium following the header's links (docs/loadtest.md).
  const fromMe =
    "%5B%22%22%2C%7B%22children%22%3A%5B%22me%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C16%5D";
  const fromNotes =
    "%5B%22%22%2C%7B%22children%22%3A%5B%22phase%22%2C%7B%22children%22%3A%5B%5B%22nn%22%2C%2201%22%2C%22d%22%2Cnull%5D%2C%7B%22children%22%3A%5B%22notes%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C16%5D";

  it("sends the router state of the page it is on, dynamic segments included", () => {
    expect(routerStateTree({ template: "/me", path: "/me" })).toBe(fromMe);
    expect(routerStateTree({ template: "/phase/[nn]/notes", path: "/phase/01/notes" })).toBe(fromNotes);
    expect(() => routerStateTree({ template: "/phase/[nn]/notes", path: "/me" })).toThrow(/does not match/);
  });

  it("asks for the target with RSC headers and Next's hash of them", async () => {
    await expect(navigationRequest({ template: "/me", path: "/me" }, "/review")).resolves.toEqual({
      path: "/review?_rsc=6flqKIMQkuUqcbI3",
      headers: { rsc: "1", "next-router-state-tree": fromMe, "next-url": "/me" },
    });
    const fromNotesToReview = await navigationRequest(
      { template: "/phase/[nn]/notes", path: "/phase/01/notes" },
      "/review",
    );
    expect(fromNotesToReview.path).toBe("/review?_rsc=KQwzz6Nmo9CxRdxU");
  });

  it("reads the journal version, the due card and the exam form from a page's Flight payload", () => {
    const notes =
      '1:"$Sreact.fragment"\nc:[["$","div",null,{"children":"Download all my data"}],"$L1c",null,["$","$L1d",null,{"phase":1,"initialText":"","initialVersion":4,"saveNote":"$h1e"}]]\n';
    expect(flightNoteVersion(notes)).toBe(4);
    expect(flightNoteVersion('c:["$","p",null,{"children":"no editor"}]\n')).toBeNull();
    const review =
      '5:[["$","div",null,{"deck":[{"id":"deck_1","front":"$L1a"}],"scheduler":"fsrs","initialCards":[{"id":"card_1","front":"$L1c","isNew":true},{"id":"card_2","front":"$L1d"}]}]]\n';
    expect(flightFirstDueCard(review)).toBe("card_1");
    expect(flightFirstDueCard('5:["$","$L9",null,{"initialCards":[]}]\n')).toBeNull();
    const exam =
      'c:[["$","$L1b",null,{"phase":"01","startToken":"t.s","remainingMs":null,"questions":[{"id":"q1","kind":"single","prompt":["$","span",null,{"children":"Why?"}],"choices":[{"id":"a","text":"A"},{"id":"b","text":"B"}]},{"id":"q2","kind":"multiple","choices":[{"id":"c","text":"C"}]}]}]]\n';
    expect(flightExamAnswers(exam)).toEqual([
      ["phase", "01"],
      ["startToken", "t.s"],
      ["questionIds", "q1,q2"],
      ["q.q1", "a"],
      ["q.q2", "c"],
    ]);
    expect(flightExamAnswers(notes)).toBeNull();
  });
});

describe("numbers", () => {
  it("nearest-rank percentiles", () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99)]).toEqual([50, 95, 99]);
    expect(percentile([], 0.5)).toBeNull();
  });

  it("server deltas: per-route quantiles and counters between two scrapes, /metrics and /health excluded", () => {
    const scrape = (n: number) =>
      parseExposition(
        [
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="0.1"} ${n}`,
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="0.25"} ${2 * n}`,
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="+Inf"} ${2 * n}`,
          `portal_request_duration_seconds_count{route="/me",method="GET",status="200"} ${2 * n}`,
          `portal_request_duration_seconds_count{route="/metrics",method="GET",status="200"} ${100 * n}`,
          `portal_server_errors_total{route="/me",method="GET",status="500"} ${n / 10}`,
          `portal_invite_redemptions_total{ok="true"} ${n}`,
        ].join("\n"),
      );
    const d = serverDelta(scrape(10), scrape(30));
    expect(d.requests).toBe(40);
    expect(d.serverErrors).toBe(2);
    expect(d.invitesOk).toBe(20);
    expect(d.routes).toHaveLength(1);
    expect(d.routes[0]).toMatchObject({ key: "GET /me", count: 40 });
    expect(d.routes[0]!.p50).toBeCloseTo(0.1, 5);
    expect(d.routes[0]!.p99).toBeGreaterThan(0.1);
  });

  it("several instances: their scrapes put together aggregate like sum by (le)", () => {
    // app-1: 10 fast requests per scrape step; app-2: 10 slow ones.
    const instance = (n: number, slow: boolean) =>
      parseExposition(
        [
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="0.1"} ${slow ? 0 : n}`,
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="1"} ${n}`,
          `portal_request_duration_seconds_bucket{route="/me",method="GET",status="200",le="+Inf"} ${n}`,
          `portal_request_duration_seconds_count{route="/me",method="GET",status="200"} ${n}`,
        ].join("\n"),
      );
    const both = (n: number) => [...instance(n, false), ...instance(n, true)];
    const d = serverDelta(both(10), both(20));
    expect(d.requests).toBe(20);
    expect(d.routes[0]).toMatchObject({ key: "GET /me", count: 20 });
    // Half fast, half in (0.1, 1]: the median sits at the fast bucket's edge, p95 well above it.
    expect(d.routes[0]!.p50).toBeCloseTo(0.1, 5);
    expect(d.routes[0]!.p95).toBeGreaterThan(0.5);
  });
});

describe("the server's Node, as the run prints it", () => {
  it("is read from the process listening on the port, and unknown when nothing listens", async () => {
    const server = spawn(
      process.execPath,
      [
        "-e",
        "const s = require('node:http').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))",
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const [chunk] = (await once(server.stdout!, "data")) as [Buffer];
      const port = Number(chunk.toString().trim());
      expect(serverNodeVersion(port)).toBe(process.version);
    } finally {
      server.kill();
      await once(server, "exit");
    }
    expect(serverNodeVersion(1)).toBeNull();
  });
});
