// The stages of `npm test` (scripts/test.ts) and their record: each stage's wall time
// and counts, printed as a table and one summary line at the end. A stage runs in this
// checkout or another directory (the Node 24 pass's copy) with extra environment.
import { type StdioOptions, spawn } from "node:child_process";
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

export type Counts = { passed: number; failed: number; skipped: number };
type Stage = Counts & { title: string; seconds: number; failures?: string[] };
/**
 * Where a stage runs: its directory (tools from its node_modules/.bin), what it adds to the
 * environment, and where its output goes: the terminal, or a log (a stage running beside others).
 */
export type Place = { cwd: string; env?: Record<string, string>; log?: string };

/** A line of the run's own, to the terminal or the place's log. */
export function say(place: Place | undefined, line: string): void {
  if (place?.log) appendFileSync(place.log, `${line}\n`);
  else console.log(line);
}

export const root = process.cwd();
const stages: Stage[] = [];
const runStarted = performance.now();

/**
 * No stage may hang the run: past this it is stopped and reported by name (its tests have
 * their own timeouts). Generous, because CI machines run at a third of this one's speed at
 * times (the e2e stage took 12 min here and over 30 there); the whole run stays inside 90 min.
 */
const STAGE_DEADLINE_MIN = 50;
/** Stages stopped at the deadline, by title: their record names it instead of a bare failure. */
const stoppedAtDeadline = new Set<string>();

export const bin = (name: string, cwd = root) => path.join(cwd, "node_modules/.bin", name);
export const seconds = (since: number) => (performance.now() - since) / 1000;
export function record(title: string, since: number, counts: Counts, failures: string[] = []): void {
  // A stage stopped at the deadline counts one failure of its own, named, beside what it reported.
  const stopped = stoppedAtDeadline.has(title);
  const stop = `stopped after ${STAGE_DEADLINE_MIN} min, before it finished (its skipped count includes what it did not reach)`;
  const named = stopped ? [...failures, stop] : failures;
  const failed = stopped && counts.failed === 0 ? 1 : counts.failed;
  stages.push({ title, seconds: seconds(since), ...counts, failed, failures: named });
}

/** A stage with its output shown as it comes; resolves to its exit status. */
export function run(title: string, command: string, args: string[], place: Place = { cwd: root }): Promise<number> {
  say(place, `\n=== ${title} ===`);
  return new Promise((resolve) => {
    const env = { ...process.env, ...place.env };
    const out = place.log ? openSync(place.log, "a") : null;
    const stdio: StdioOptions = out === null ? "inherit" : ["ignore", out, out];
    const child = spawn(command, args, { cwd: place.cwd, stdio, env });
    // SIGINT first: Playwright and Vitest then stop their workers and still write their
    // reports, so what passed before the deadline is counted; harder signals if they hang.
    const escalation: NodeJS.Timeout[] = [];
    const deadline = setTimeout(() => {
      stoppedAtDeadline.add(title);
      say(place, `✗ ${title} did not finish within ${STAGE_DEADLINE_MIN} min and was stopped`);
      child.kill("SIGINT");
      escalation.push(setTimeout(() => child.kill("SIGTERM"), 60_000).unref());
      escalation.push(setTimeout(() => child.kill("SIGKILL"), 120_000).unref());
    }, STAGE_DEADLINE_MIN * 60_000);
    const end = (code: number) => {
      clearTimeout(deadline);
      for (const timer of escalation) clearTimeout(timer);
      if (out !== null) closeSync(out);
      resolve(code);
    };
    child.once("error", (error) => {
      say(place, `✗ ${title}: ${error.message}`);
      end(1);
    });
    child.once("close", (code) => end(code ?? 1));
  });
}

/**
 * A check that is not a test runner counts as one test. Checks run at the same
 * time; each one's output is held back and printed whole when it ends.
 */
export function check(title: string, command: string, args: string[]): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const output: Buffer[] = [];
    const child = spawn(command, args, { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => output.push(d));
    child.stderr.on("data", (d: Buffer) => output.push(d));
    const finish = (code: number | null, error?: Error) => {
      const ok = code === 0;
      console.log(`\n=== ${title} (${seconds(started).toFixed(1)} s) ===`);
      process.stdout.write(Buffer.concat(output));
      if (error) console.log(error.message);
      if (!ok) console.log(`✗ ${title} failed`);
      record(title, started, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
      resolve();
    };
    child.once("error", (error) => finish(null, error));
    child.once("close", (code) => finish(code));
  });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; assertionResults?: { fullName: string; status: string }[] }[];
};

/** One Vitest run of the given projects; a run that fails without a failed test counts one failure. */
export async function vitest(
  title: string,
  name: string,
  projects: string[],
  place: Place = { cwd: root },
): Promise<boolean> {
  const started = performance.now();
  const out = path.join(root, `test-results/vitest-${name}.json`);
  rmSync(out, { force: true });
  const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json"];
  const status = await run(title, bin("vitest", place.cwd), [...args, `--outputFile.json=${out}`], place);
  const report = readJson<VitestReport>(out);
  if (!report) {
    say(place, `✗ ${title} produced no report (exit ${status})`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    return false;
  }
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  if (status !== 0 && report.numFailedTests === 0) say(place, `✗ ${title} exited with ${status}`);
  const failures = (report.testResults ?? []).flatMap((file) =>
    (file.assertionResults ?? [])
      .filter((t) => t.status === "failed")
      .map((t) => `${path.relative(place.cwd, file.name)} › ${t.fullName}`),
  );
  record(
    title,
    started,
    { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests },
    failures,
  );
  return failed === 0;
}

type PlaywrightSuite = {
  file?: string;
  specs?: { title: string; ok: boolean; tests?: { projectName?: string; status?: string }[] }[];
  suites?: PlaywrightSuite[];
};
type PlaywrightReport = {
  stats: { expected: number; unexpected: number; skipped: number; flaky: number };
  suites?: PlaywrightSuite[];
};

/** "file › title" of every spec that failed (after its retry). */
function failedSpecs(suites: PlaywrightSuite[] = [], file = ""): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? [])
      .filter((spec) => (spec.tests ?? []).some((t) => t.status === "unexpected"))
      .map((spec) => `${suite.file ?? file} › ${spec.title}`),
    ...failedSpecs(suite.suites, suite.file ?? file),
  ]);
}

/** One Playwright run; its JSON report gives the counts (a flaky test passed on its retry and counts as passed). */
export async function playwright(
  title: string,
  name: string,
  args: string[],
  place: Place = { cwd: root },
): Promise<void> {
  const started = performance.now();
  const out = path.join(root, `test-results/${name}.json`);
  rmSync(out, { force: true });
  const env = { ...place.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out };
  const status = await run(title, bin("playwright", place.cwd), ["test", "--reporter=list,json", ...args], {
    ...place,
    env,
  });
  const report = readJson<PlaywrightReport>(out);
  if (!report) {
    say(place, `✗ ${title} produced no report (exit ${status})`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    return;
  }
  const { expected, unexpected, skipped, flaky } = report.stats;
  // Passed on its retry (CI retries once): counted as passed, named in the list above as flaky.
  if (flaky) say(place, `! ${title}: ${flaky} flaky test${flaky === 1 ? "" : "s"} (failed once, passed on retry)`);
  record(
    title,
    started,
    { passed: expected + flaky, failed: unexpected + (status !== 0 && unexpected === 0 ? 1 : 0), skipped },
    failedSpecs(report.suites),
  );
}

/** The table of stages, then the summary line alone on the last line; exits 1 on any failure. */
export function summarize(): never {
  const totals = stages.reduce<Counts>(
    (sum, s) => ({ passed: sum.passed + s.passed, failed: sum.failed + s.failed, skipped: sum.skipped + s.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  const width = Math.max(...stages.map((s) => s.title.length));
  console.log(`\n${"stage".padEnd(width)}  seconds  passed  failed  skipped`);
  for (const s of stages) {
    const cells = [s.seconds.toFixed(1).padStart(7), String(s.passed).padStart(6), String(s.failed).padStart(6)];
    console.log(`${s.title.padEnd(width)}  ${cells.join("  ")}  ${String(s.skipped).padStart(7)}`);
  }
  console.log(`${"whole run".padEnd(width)}  ${seconds(runStarted).toFixed(1).padStart(7)}`);
  // Named again here, at the end of a long log, where a CI page shows it.
  for (const s of stages) for (const failure of s.failures ?? []) console.log(`✗ ${s.title}: ${failure}`);
  console.log("");
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}
