// npm test: every suite, in order — typecheck, lint, format check, Vitest (unit, integration,
// ops), Playwright e2e against next build + next start — then one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (suite: string) => only.length === 0 || only.includes(suite);
const totals = { passed: 0, failed: 0, skipped: 0 };
mkdirSync("test-results", { recursive: true });

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): number {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

/** A check that is not a test runner counts as one test. */
function check(title: string, command: string, args: string[]): void {
  const ok = run(title, command, args) === 0;
  totals[ok ? "passed" : "failed"]++;
  if (!ok) console.log(`✗ ${title} failed`);
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

run("Prisma client", process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/generate.ts"]);

if (wants("typecheck")) check("TypeScript (tsc --noEmit)", bin("tsc"), ["--noEmit"]);
if (wants("lint")) check("ESLint", bin("eslint"), [".", "--max-warnings=0"]);
if (wants("format")) check("Prettier (format:check)", bin("prettier"), ["--check", "."]);

// The integration suites run twice: on SQLite (the default) and on PostgreSQL
// (MINIPORTAL_POSTGRES_ADMIN_URL's server; each run creates and drops its own databases).
const vitestRuns: { suite: string; title: string; project: string; env: Record<string, string> }[] = [
  { suite: "unit", title: "Vitest: unit", project: "unit", env: {} },
  { suite: "integration", title: "Vitest: integration (SQLite)", project: "integration", env: {} },
  {
    suite: "integration",
    title: "Vitest: integration (PostgreSQL)",
    project: "integration",
    env: { MINIPORTAL_TEST_DATABASE: "postgresql" },
  },
];
for (const { suite, title, project, env } of vitestRuns) {
  if (!wants(suite)) continue;
  const out = `test-results/vitest-${project}${env.MINIPORTAL_TEST_DATABASE ? "-postgresql" : ""}.json`;
  rmSync(out, { force: true });
  const status = run(
    title,
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    env,
  );
  const report = readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  }>(out);
  if (!report) {
    totals.failed++;
    console.log(`✗ ${title} produced no report (exit ${status})`);
    continue;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  totals.skipped += report.numPendingTests + report.numTodoTests;
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
    args: ["e2e/01-foundation.spec.ts"],
    env: { E2E_DATABASE: "postgresql" },
  },
];
for (const { title, out, args, env } of wants("e2e") ? e2eRuns : []) {
  rmSync(out, { force: true });
  const status = run(title, bin("playwright"), ["test", "--reporter=list,json", ...args], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    ...env,
  });
  const report = readJson<{ stats: { expected: number; unexpected: number; skipped: number; flaky: number } }>(out);
  if (!report) {
    totals.failed++;
    console.log(`✗ ${title} produced no report (exit ${status})`);
  } else {
    totals.passed += report.stats.expected + report.stats.flaky;
    totals.failed += report.stats.unexpected + (status !== 0 && report.stats.unexpected === 0 ? 1 : 0);
    totals.skipped += report.stats.skipped;
  }
}

console.log("");
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
