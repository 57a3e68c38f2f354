// npm run loadtest -- --students 10 --duration 60s [--base-url http://127.0.0.1:3000] [--out report.html]
// Simulated students against a running portal on loopback: redeem invite, sign
// in, dashboard, journal saves, review, exams. Reads /metrics before and after,
// prints per-route latency, errors, lost saves and a PASS/FAIL line per SLO,
// and writes an HTML report with SVG latency charts. See docs/loadtest.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../lib/env";
import { type BrowserRun, browserLines, runBrowserStudent, summarizeBrowsers } from "./loadtest/browser-student";
import { assertServerSeesInvite, inviteStudents } from "./loadtest/invites";
import { type ActionIds, loadActionIds } from "./loadtest/next-actions";
import { parseOptions } from "./loadtest/options";
import { Recorder, statsByRoute } from "./loadtest/recorder";
import { htmlReport, routeTable, type RunSummary } from "./loadtest/report";
import { type ServerDelta, scrapeInstances, serverDelta } from "./loadtest/server-metrics";
import { evaluateSlos } from "./loadtest/slo";
import { type ReadBack, readBack, runStudent } from "./loadtest/student";
import { pinRunningServer } from "./bench/cpu-pinning";
import { runScript } from "./script-utils";

await runScript(async () => {
  const config = env();
  const options = parseOptions(
    process.argv.slice(2),
    { MINIPORTAL_METRICS_TOKEN: process.env.MINIPORTAL_METRICS_TOKEN },
    config.PORT,
  );
  const { ids, missing } = loadActionIds(options.buildDir);
  if (missing.length)
    throw new Error(
      `The build in ${options.buildDir} has no server action for: ${missing.join(", ")}. Rebuild (npm start) and retry.`,
    );
  const health = await fetch(new URL("/health", options.baseUrl)).catch(() => null);
  if (!health?.ok)
    throw new Error(
      `${options.baseUrl.origin}/health is not ready (${health?.status ?? "no answer"}): start the portal first (npm start).`,
    );

  pinRunningServer(Number(options.baseUrl.port || 80), !options.pin);

  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  console.log(`Inviting ${options.students} students (run ${runId}) in ${config.databaseUrl}`);
  const [warmupStudent, ...invited] = await inviteStudents(options.students + 1 + options.browsers, runId);
  const students = invited.slice(0, options.students);
  const browserStudents = invited.slice(options.students);
  await assertServerSeesInvite(options.baseUrl, warmupStudent!);

  // Warm-up: one extra student walks every page once before the measurement, so
  // first-render costs of a freshly started server are not counted (not in the
  // client numbers, and before the first /metrics scrape).
  const warmup = new Recorder();
  const warmRun = await runStudent(
    warmupStudent!,
    {
      base: options.baseUrl,
      ids: ids as ActionIds,
      recorder: warmup,
      deadline: Infinity,
      thinkMs: 0,
      maxRequests: 34,
      oneAddress: options.oneAddress,
    },
    0,
  );
  if (!warmRun.redeemed || warmup.failures.length) {
    throw new Error(
      `The warm-up student failed: ${
        warmup.failures
          .map((f) => `${f.route} ${f.status}: ${f.reason}`)
          .slice(0, 3)
          .join("; ") || "invite not redeemed"
      }`,
    );
  }
  console.log(`Warm-up: ${warmup.samples.length} requests by one extra student (not counted)`);

  const before = await scrapeInstances(options.metricsFrom, options.token);
  const recorder = new Recorder();
  const startedAt = new Date().toISOString();
  const deadline = Date.now() + options.durationMs;
  const ctx = {
    base: options.baseUrl,
    ids: ids as ActionIds,
    recorder,
    deadline,
    thinkMs: options.thinkMs,
    maxRequests: options.maxRequestsPerStudent,
    oneAddress: options.oneAddress,
  };
  // Students arrive over the first sixth of the run (at most 10 s), not all in the same millisecond.
  const rampMs = Math.min(10_000, options.durationMs / 6);
  console.log(
    `Running ${options.students} students for ${options.durationMs / 1000} s against ${options.baseUrl.origin} (think ${options.thinkMs} ms, ≤ ${options.maxRequestsPerStudent} requests each)`,
  );
  if (options.metricsFrom.length > 1)
    console.log(`Server figures: the sum of ${options.metricsFrom.map((u) => u.origin).join(", ")} (/metrics of each)`);
  const ticker = setInterval(
    () =>
      console.log(
        `  ${Math.round(recorder.now() / 1000)} s: ${recorder.samples.length} requests, ${recorder.failures.length} failed`,
      ),
    10_000,
  );
  // Real browsers (if asked for) run beside the HTTP students, on the same clock.
  const browser = options.browsers
    ? await (
        await import("@playwright/test")
      ).chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      })
    : null;
  const browserCtx = {
    base: options.baseUrl,
    deadline,
    thinkMs: options.thinkMs,
    maxPageViews: Math.ceil(options.maxRequestsPerStudent / 3),
  };
  const [runs, browserRuns] = await Promise.all([
    Promise.all(students.map((s, i) => runStudent(s, ctx, (i * rampMs) / options.students))),
    Promise.all(
      browserStudents.map((s, i) =>
        runBrowserStudent(browser!, s, browserCtx, (i * rampMs) / Math.max(1, options.browsers)),
      ),
    ) as Promise<BrowserRun[]>,
  ]);
  await browser?.close();
  clearInterval(ticker);
  const wallMs = recorder.now();
  const loadSamples = recorder.samples.length;

  let server: ServerDelta | null = null;
  try {
    server = serverDelta(before, await scrapeInstances(options.metricsFrom, options.token));
  } catch (error) {
    console.log(`! could not read /metrics after the run: ${(error as Error).message}`);
  }
  // Read-back happens after the second scrape so it does not count in the server numbers.
  const browsers = options.browsers ? summarizeBrowsers(browserRuns) : null;
  // Eight students at a time: the check must not itself be a burst of sign-ins.
  const readBacks: ReadBack[] = [];
  for (let i = 0; i < runs.length; i += 8)
    readBacks.push(
      ...(await Promise.all(runs.slice(i, i + 8).map((r) => readBack(r, { ...ctx, deadline: Infinity, thinkMs: 0 })))),
    );
  const lostSaves = readBacks.flatMap((r) => r.lost);
  const unverifiedSaves = readBacks.flatMap((r) => r.unverified);

  const client = statsByRoute(recorder.samples.slice(0, loadSamples));
  const failureCounts = new Map<string, { route: string; status: number; reason: string; count: number }>();
  for (const f of recorder.failures) {
    const key = `${f.route}|${f.status}|${f.reason}`;
    failureCounts.set(key, { ...f, count: (failureCounts.get(key)?.count ?? 0) + 1 });
  }
  const flows = runs.reduce(
    (a, r) => ({
      redeemed: a.redeemed + Number(r.redeemed),
      logins: a.logins + r.logins,
      saves: a.saves + r.saves,
      grades: a.grades + r.grades,
      exams: a.exams + r.exams,
    }),
    { redeemed: 0, logins: 0, saves: 0, grades: 0, exams: 0 },
  );
  const verdicts = evaluateSlos({
    client,
    server,
    invitesAttempted: students.length,
    invitesRedeemed: flows.redeemed,
    clientRequests: loadSamples,
  });
  const summary: RunSummary = {
    command: `npm run loadtest -- ${process.argv.slice(2).join(" ")}`.trim(),
    startedAt,
    baseUrl: options.baseUrl.origin,
    students: options.students,
    durationMs: options.durationMs,
    wallMs,
    requests: loadSamples,
    client,
    server,
    verdicts,
    failures: [...failureCounts.values()].sort((a, b) => b.count - a.count),
    lostSaves,
    unverifiedSaves,
    acknowledgedSaves: runs.reduce((a, r) => a + r.acks.size, 0),
    flows,
  };

  console.log(
    `\n${loadSamples} requests in ${(wallMs / 1000).toFixed(1)} s (${(loadSamples / (wallMs / 1000)).toFixed(1)} req/s); ${flows.redeemed} redeemed, ${flows.logins} sign-ins, ${flows.saves} saves, ${flows.grades} grades, ${flows.exams} exams`,
  );
  for (const line of routeTable(summary)) console.log(`  ${line}`);
  if (server)
    console.log(
      `  server: ${server.requests} requests counted, ${server.serverErrors} 5xx, logins ${server.loginOk} ok / ${server.loginFailed} failed, invites ${server.invitesOk} ok / ${server.invitesFailed} failed`,
    );
  const errors = recorder.failures.length;
  console.log(
    `errors: ${errors}${
      errors
        ? ` (${summary.failures
            .slice(0, 5)
            .map((f) => `${f.route} ${f.status || "network"} ×${f.count}: ${f.reason}`)
            .join("; ")})`
        : ""
    }`,
  );
  console.log(
    `lost saves: ${lostSaves.length} of ${summary.acknowledgedSaves} acknowledged saves read back` +
      (unverifiedSaves.length ? `; ${unverifiedSaves.length} could not be read back (not verified)` : ""),
  );
  for (const l of [...lostSaves, ...unverifiedSaves].slice(0, 10)) console.log(`  ${l}`);
  if (browsers) for (const line of browserLines(browsers)) console.log(line);
  if (browsers && server)
    console.log(
      "  (the server figures above include the browser students' requests; the client table is the HTTP students only)",
    );
  for (const v of verdicts)
    console.log(`${v.pass ? "PASS" : "FAIL"} ${v.name} ${v.target}: server ${v.server}, client ${v.client}`);
  const savesOk = lostSaves.length === 0 && unverifiedSaves.length === 0;
  console.log(
    `${savesOk ? "PASS" : "FAIL"} lost saves = 0: ${lostSaves.length}` +
      (unverifiedSaves.length ? ` (${unverifiedSaves.length} not verified)` : ""),
  );

  const out =
    options.out ??
    path.join(config.dataDir, "loadtest", `loadtest-${startedAt.replace(/:/g, "-")}-${options.students}s.html`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, htmlReport(summary, recorder.samples.slice(0, loadSamples)));
  writeFileSync(out.replace(/\.html?$/, "") + ".json", JSON.stringify({ ...summary, browsers }, null, 2));
  console.log(`report: ${out}`);
  const failed = verdicts.filter((v) => !v.pass).length + (savesOk ? 0 : 1);
  if (failed) throw new Error(`load test FAILED: ${failed} check${failed === 1 ? "" : "s"} failed (see above)`);
});
