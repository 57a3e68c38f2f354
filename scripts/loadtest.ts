// npm run loadtest -- --students 10 --duration 60s [--base-url http://127.0.0.1:3000] [--out report.html]
// npm run loadtest -- --find-knee [--knee-step 10] [--knee-max 200] [--duration 60s]
// Simulated students against a running portal on loopback: redeem invite, sign
// in, dashboard, journal saves, review, exams. Reads /metrics before and after,
// prints per-route latency, errors, lost saves and a PASS/FAIL line per SLO,
// and writes an HTML report with SVG latency charts. --find-knee runs steps of
// more and more students and prints the largest count that passes every SLO
// (scripts/loadtest/knee-search.ts). See docs/loadtest.md.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../lib/env";
import { findKnee } from "./loadtest/knee-search";
import { type ActionIds, loadActionIds } from "./loadtest/next-actions";
import { parseOptions } from "./loadtest/options";
import { htmlReport } from "./loadtest/report";
import { measureRun } from "./loadtest/run";
import { pinRunningServer, serverNodeVersion } from "./bench/cpu-pinning";
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

  // Once, before any run: the server and its workers on their cores, this process on its own.
  const port = Number(options.baseUrl.port || 80);
  await pinRunningServer(port, !options.pin);
  const serverNode = serverNodeVersion(port);
  console.log(`  Server on Node ${serverNode ?? "(not seen)"}, load generator on Node ${process.version}.`);
  const command = `npm run loadtest -- ${process.argv.slice(2).join(" ")}`.trim();

  if (options.knee) {
    const code = await findKnee(options, ids as ActionIds, command);
    if (code) throw new Error("knee search FAILED (see above)");
    return;
  }

  const run = await measureRun({ ...options, ids: ids as ActionIds, command, log: (line) => console.log(line) });
  for (const line of run.lines) console.log(line);
  const out =
    options.out ??
    path.join(
      config.dataDir,
      "loadtest",
      `loadtest-${run.summary.startedAt.replace(/:/g, "-")}-${options.students}s.html`,
    );
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, htmlReport(run.summary, run.samples));
  writeFileSync(
    out.replace(/\.html?$/, "") + ".json",
    JSON.stringify({ ...run.summary, browsers: run.browsers }, null, 2),
  );
  console.log(`report: ${out}`);
  const failed = run.failedChecks;
  if (failed) throw new Error(`load test FAILED: ${failed} check${failed === 1 ? "" : "s"} failed (see above)`);
});
