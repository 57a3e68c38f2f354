// npm test: every suite — the Dockerfile build of a copy of the tree beside typecheck,
// lint and format check (those three at once), Vitest (unit, integration on SQLite,
// then on PostgreSQL), Playwright e2e from the built copy — then a table of the
// stages' wall times and one summary line, alone on the last line.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

type Counts = { passed: number; failed: number; skipped: number };
type Stage = Counts & { title: string; seconds: number };

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (suite: string) => only.length === 0 || only.includes(suite);
const stages: Stage[] = [];
const runStarted = performance.now();
mkdirSync("test-results", { recursive: true });

// The build stage copies the tree here and builds it; every later stage (the e2e
// portals above all) uses that copy, so the variable is set for the whole run.
const appDir = path.join(root, "test-results/app");
process.env.MINIPORTAL_TEST_APP_DIR = appDir;

const seconds = (since: number) => (performance.now() - since) / 1000;
const record = (title: string, since: number, counts: Counts) =>
  stages.push({ title, seconds: seconds(since), ...counts });

/** No stage may hang the run: past this it is stopped and reported by name (its tests have their own timeouts). */
const STAGE_DEADLINE_MIN = 30;

/** A stage with its output shown as it comes; resolves to its exit status. */
function run(title: string, command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  console.log(`\n=== ${title} ===`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    const deadline = setTimeout(() => {
      console.log(`✗ ${title} did not finish within ${STAGE_DEADLINE_MIN} min and was stopped`);
      child.kill("SIGTERM");
    }, STAGE_DEADLINE_MIN * 60_000);
    child.once("error", (error) => {
      clearTimeout(deadline);
      console.log(`✗ ${title}: ${error.message}`);
      resolve(1);
    });
    child.once("close", (code) => {
      clearTimeout(deadline);
      resolve(code ?? 1);
    });
  });
}

/**
 * A check that is not a test runner counts as one test. Checks run at the same
 * time; each one's output is held back and printed whole when it ends.
 */
function check(title: string, command: string, args: string[]): Promise<void> {
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

type VitestReport = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };

/** One Vitest run of the given projects; a run that fails without a failed test counts one failure. */
async function vitest(
  title: string,
  name: string,
  projects: string[],
  env: Record<string, string> = {},
): Promise<boolean> {
  const started = performance.now();
  const out = `test-results/vitest-${name}.json`;
  rmSync(out, { force: true });
  const args = ["run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json"];
  const status = await run(title, bin("vitest"), [...args, `--outputFile.json=${out}`], env);
  const report = readJson<VitestReport>(out);
  if (!report) {
    console.log(`✗ ${title} produced no report (exit ${status})`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    return false;
  }
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  if (status !== 0 && report.numFailedTests === 0) console.log(`✗ ${title} exited with ${status}`);
  record(title, started, {
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
  });
  return failed === 0;
}

const generateStarted = performance.now();
const generated = await run("Prisma client", process.execPath, [
  path.join(root, "node_modules/tsx/dist/cli.mjs"),
  "scripts/generate.ts",
]);
record("Prisma client", generateStarted, { passed: 0, failed: generated === 0 ? 0 : 1, skipped: 0 });

// The static checks are independent of each other and of the build (they skip its copy
// under test-results/): they run side by side with it, their output printed as each ends.
const staticChecks = Promise.all([
  wants("typecheck") ? check("TypeScript (tsc --noEmit)", bin("tsc"), ["--noEmit"]) : null,
  wants("lint")
    ? check("ESLint", bin("eslint"), [
        ".",
        "--max-warnings=0",
        "--cache",
        "--cache-location",
        "node_modules/.cache/eslint/",
      ])
    : null,
  // The negated patterns keep Prettier from walking the build's copy and .next
  // (.prettierignore skips their files only after listing every one).
  wants("format")
    ? check("Prettier (format:check)", bin("prettier"), ["--check", ".", "!test-results/**", "!**/.next/**", "--cache"])
    : null,
]);

// The build: the Dockerfile's steps in a fresh copy of the tree (tests/build); the e2e
// portals run from that copy, so asking for e2e asks for the build too.
let built = true;
if (wants("build") || wants("e2e")) {
  rmSync(appDir, { recursive: true, force: true });
  built = await vitest("Build (Dockerfile steps in a copy of the tree)", "build", ["build"]);
}

await staticChecks;

if (wants("unit")) await vitest("Vitest: unit", "unit", ["unit"]);
// The integration suites run twice: on SQLite (the default) and on PostgreSQL
// (MINIPORTAL_POSTGRES_ADMIN_URL's server; each run creates and drops its own databases).
const integration = ["integration", "integration-serial"];
if (wants("integration")) {
  await vitest("Vitest: integration (SQLite)", "integration", integration);
  await vitest("Vitest: integration (PostgreSQL)", "integration-postgresql", integration, {
    MINIPORTAL_TEST_DATABASE: "postgresql",
  });
}

// Every spec on SQLite, then the foundation journey once more on PostgreSQL (same build).
const e2eRuns: { title: string; out: string; args: string[]; env: Record<string, string> }[] = [
  {
    title: "Playwright e2e (next build + next start, Debian Chromium)",
    out: "test-results/e2e-results.json",
    args: [],
    env: {},
  },
  {
    title: "Playwright e2e: foundation journey on PostgreSQL",
    out: "test-results/e2e-results-postgresql.json",
    // One worker, so one portal (on its own PostgreSQL database).
    args: ["e2e/01-foundation.spec.ts", "--workers=1"],
    env: { E2E_DATABASE: "postgresql" },
  },
];
for (const { title, out, args, env } of wants("e2e") ? e2eRuns : []) {
  const started = performance.now();
  if (!built) {
    // The portals run from the build stage's copy, which is not there.
    console.log(`\n=== ${title} ===\n✗ not run: the build stage failed (see "Build" above)`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    continue;
  }
  rmSync(out, { force: true });
  const status = await run(title, bin("playwright"), ["test", "--reporter=list,json", ...args], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    ...env,
  });
  const report = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(out);
  if (!report) {
    console.log(`✗ ${title} produced no report (exit ${status})`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    continue;
  }
  const { expected, unexpected, skipped, flaky } = report.stats;
  // Passed on its retry (CI retries once): counted as passed, named in the list above as flaky.
  if (flaky) console.log(`! ${title}: ${flaky} flaky test${flaky === 1 ? "" : "s"} (failed once, passed on retry)`);
  record(title, started, {
    passed: expected + flaky,
    failed: unexpected + (status !== 0 && unexpected === 0 ? 1 : 0),
    skipped,
  });
}

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
console.log("");
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
