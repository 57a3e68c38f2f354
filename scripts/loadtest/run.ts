// One measured run of the load test: invite N students, warm up, run them
// against the clock, scrape /metrics before and after, read every acknowledged
// save back, and decide the SLO verdicts. `npm run loadtest` does this once;
// `--find-knee` (knee.ts) once per step. Progress goes to `log` as it happens;
// the result lines are returned, for the caller to print.
import { randomBytes } from "node:crypto";
import { env } from "../../lib/env";
import {
  type BrowserRun,
  type BrowserSummary,
  browserLines,
  runBrowserStudent,
  summarizeBrowsers,
} from "./browser-student";
import { assertServerSeesInvite, inviteStudents } from "./invites";
import type { ActionIds } from "./next-actions";
import type { LoadtestOptions } from "./options";
import { Recorder, type Sample, statsByRoute } from "./recorder";
import { routeTable, type RunSummary } from "./report";
import { type ServerDelta, scrapeInstances, serverDelta } from "./server-metrics";
import { evaluateSlos, type Verdict } from "./slo";
import { type ReadBack, readBack, runStudent } from "./student";

export type RunInput = Omit<LoadtestOptions, "out" | "pin" | "buildDir" | "knee"> & {
  ids: ActionIds;
  /** The command line, for the summary. */
  command: string;
  /** Where progress lines go as they happen (console.log in the normal mode). */
  log: (line: string) => void;
};

export type RunResult = {
  summary: RunSummary;
  verdicts: Verdict[];
  lostSaves: string[];
  unverifiedSaves: string[];
  /** Every acknowledged save read back intact, none unverified. */
  savesOk: boolean;
  /** SLO lines that say FAIL, plus one when a save was lost or not verified. */
  failedChecks: number;
  browsers: BrowserSummary | null;
  /** The measured requests (without the read-back), for the HTML report. */
  samples: Sample[];
  /** The result as the normal mode prints it: per-route table, errors, lost saves, one line per SLO. */
  lines: string[];
};

/** How the students move between pages (student.ts), as the run prints it. */
export const flowLine = (documents: boolean) =>
  documents
    ? "Every page is loaded as a document, and a redirect's target again (--documents)."
    : "Pages after sign-in are reached by following links, as in a browser (Next's navigations); --documents loads each as a document.";

export async function measureRun(input: RunInput): Promise<RunResult> {
  const { log } = input;
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  log(`Inviting ${input.students} students (run ${runId}) in ${env().databaseUrl}`);
  const [warmupStudent, ...invited] = await inviteStudents(input.students + 1 + input.browsers, runId);
  const students = invited.slice(0, input.students);
  const browserStudents = invited.slice(input.students);
  await assertServerSeesInvite(input.baseUrl, warmupStudent!);

  // Warm-up: one extra student walks every page once before the measurement, so
  // first-render costs of a freshly started server are not counted (not in the
  // client numbers, and before the first /metrics scrape).
  const warmup = new Recorder();
  const warmRun = await runStudent(
    warmupStudent!,
    {
      base: input.baseUrl,
      ids: input.ids,
      recorder: warmup,
      deadline: Infinity,
      thinkMs: 0,
      maxRequests: 34,
      oneAddress: input.oneAddress,
      documents: input.documents,
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
  log(`Warm-up: ${warmup.samples.length} requests by one extra student (not counted)`);

  const before = await scrapeInstances(input.metricsFrom, input.token);
  const recorder = new Recorder();
  const startedAt = new Date().toISOString();
  const deadline = Date.now() + input.durationMs;
  const ctx = {
    base: input.baseUrl,
    ids: input.ids,
    recorder,
    deadline,
    thinkMs: input.thinkMs,
    maxRequests: input.maxRequestsPerStudent,
    oneAddress: input.oneAddress,
    documents: input.documents,
  };
  // Students arrive over the first sixth of the run (at most 10 s), not all in the same millisecond.
  const rampMs = Math.min(10_000, input.durationMs / 6);
  log(
    `Running ${input.students} students for ${input.durationMs / 1000} s against ${input.baseUrl.origin} (think ${input.thinkMs} ms, ≤ ${input.maxRequestsPerStudent} requests each)`,
  );
  log(`  ${flowLine(input.documents)}`);
  if (input.metricsFrom.length > 1)
    log(`Server figures: the sum of ${input.metricsFrom.map((u) => u.origin).join(", ")} (/metrics of each)`);
  const ticker = setInterval(
    () =>
      log(
        `  ${Math.round(recorder.now() / 1000)} s: ${recorder.samples.length} requests, ${recorder.failures.length} failed`,
      ),
    10_000,
  );
  // Real browsers (if asked for) run beside the HTTP students, on the same clock.
  const browser = input.browsers
    ? await (
        await import("@playwright/test")
      ).chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
      })
    : null;
  const browserCtx = {
    base: input.baseUrl,
    deadline,
    thinkMs: input.thinkMs,
    maxPageViews: Math.ceil(input.maxRequestsPerStudent / 3),
  };
  const [runs, browserRuns] = await Promise.all([
    Promise.all(students.map((s, i) => runStudent(s, ctx, (i * rampMs) / input.students))),
    Promise.all(
      browserStudents.map((s, i) =>
        runBrowserStudent(browser!, s, browserCtx, (i * rampMs) / Math.max(1, input.browsers)),
      ),
    ) as Promise<BrowserRun[]>,
  ]);
  await browser?.close();
  clearInterval(ticker);
  const wallMs = recorder.now();
  const loadSamples = recorder.samples.length;

  let server: ServerDelta | null = null;
  try {
    server = serverDelta(before, await scrapeInstances(input.metricsFrom, input.token));
  } catch (error) {
    log(`! could not read /metrics after the run: ${(error as Error).message}`);
  }
  // Read-back happens after the second scrape so it does not count in the server numbers.
  const browsers = input.browsers ? summarizeBrowsers(browserRuns) : null;
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
    command: input.command,
    startedAt,
    baseUrl: input.baseUrl.origin,
    students: input.students,
    durationMs: input.durationMs,
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
  const savesOk = lostSaves.length === 0 && unverifiedSaves.length === 0;
  return {
    summary,
    verdicts,
    lostSaves,
    unverifiedSaves,
    savesOk,
    failedChecks: verdicts.filter((v) => !v.pass).length + (savesOk ? 0 : 1),
    browsers,
    samples: recorder.samples.slice(0, loadSamples),
    lines: resultLines(summary, recorder.failures.length, browsers),
  };
}

/** What the normal mode prints after a run, from the request count to the last PASS/FAIL line. */
export function resultLines(summary: RunSummary, errors: number, browsers: BrowserSummary | null): string[] {
  const { server, flows, lostSaves, unverifiedSaves, verdicts } = summary;
  const lines = [
    `\n${summary.requests} requests in ${(summary.wallMs / 1000).toFixed(1)} s (${(summary.requests / (summary.wallMs / 1000)).toFixed(1)} req/s); ${flows.redeemed} redeemed, ${flows.logins} sign-ins, ${flows.saves} saves, ${flows.grades} grades, ${flows.exams} exams`,
  ];
  for (const line of routeTable(summary)) lines.push(`  ${line}`);
  if (server)
    lines.push(
      `  server: ${server.requests} requests counted, ${server.serverErrors} 5xx, logins ${server.loginOk} ok / ${server.loginFailed} failed, invites ${server.invitesOk} ok / ${server.invitesFailed} failed`,
    );
  lines.push(
    `errors: ${errors}${
      errors
        ? ` (${summary.failures
            .slice(0, 5)
            .map((f) => `${f.route} ${f.status || "network"} ×${f.count}: ${f.reason}`)
            .join("; ")})`
        : ""
    }`,
  );
  lines.push(
    `lost saves: ${lostSaves.length} of ${summary.acknowledgedSaves} acknowledged saves read back` +
      (unverifiedSaves.length ? `; ${unverifiedSaves.length} could not be read back (not verified)` : ""),
  );
  for (const l of [...lostSaves, ...unverifiedSaves].slice(0, 10)) lines.push(`  ${l}`);
  if (browsers) lines.push(...browserLines(browsers));
  if (browsers && server)
    lines.push(
      "  (the server figures above include the browser students' requests; the client table is the HTTP students only)",
    );
  for (const v of verdicts)
    lines.push(`${v.pass ? "PASS" : "FAIL"} ${v.name} ${v.target}: server ${v.server}, client ${v.client}`);
  const savesOk = lostSaves.length === 0 && unverifiedSaves.length === 0;
  lines.push(
    `${savesOk ? "PASS" : "FAIL"} lost saves = 0: ${lostSaves.length}` +
      (unverifiedSaves.length ? ` (${unverifiedSaves.length} not verified)` : ""),
  );
  return lines;
}
