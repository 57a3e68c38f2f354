// npm test: every suite — the Dockerfile build of a copy of the tree beside typecheck,
// lint and format check (those three at once), then two lanes: Vitest unit and
// integration on SQLite, Playwright e2e from the built copy; beside them the Node 24 pass
// (scripts/test-node24.ts), which holds the PostgreSQL runs — then a table of the stages'
// wall times and one summary line, alone on the last line (scripts/test-stages.ts).
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { node24Pass } from "./test-node24";
import { bin, check, playwright, record, root, run, summarize, vitest } from "./test-stages";

const only = process.argv.slice(2); // e.g. `npm test -- unit integration`
const wants = (suite: string) => only.length === 0 || only.includes(suite);
mkdirSync("test-results", { recursive: true });

// The build stage copies the tree here and builds it; every later stage (the e2e
// portals above all) uses that copy, so the variable is set for the whole run.
const appDir = path.join(root, "test-results/app");
process.env.MINIPORTAL_TEST_APP_DIR = appDir;

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

// Three lanes after the build, on the machine's two cores: the SQLite integration suite
// waits on its processes for much of its time (about 0.6 of a core) and the e2e specs wait
// on Prometheus' and Alertmanager's windows, so side by side they keep both cores busy.
// Main: unit, then every e2e spec. Beside it: the integration suite on SQLite (its output
// to a log, printed after). Beside both: the Node 24 pass installs and builds its copy at
// once; after the SQLite integration suite, its unit suite, the integration suite on
// PostgreSQL (the only PostgreSQL pass) and the foundation journey on PostgreSQL. Never two
// integration suites at a time: they share the machine's Redis database 0 and ports. The
// e2e portals use none of those (their own ports, Redis database 9, their own databases).
let sqliteIntegrationDone: () => void = () => {};
const afterSqliteIntegration = new Promise<void>((resolve) => (sqliteIntegrationDone = resolve));
const node24Log = path.join(root, "test-results/node24.log");
const integrationLog = path.join(root, "test-results/integration-sqlite.log");
rmSync(node24Log, { force: true });
rmSync(integrationLog, { force: true });
const node24 = wants("node24") ? node24Pass(node24Log, afterSqliteIntegration) : Promise.resolve();
if (wants("node24")) console.log("\n(The Node 24 pass runs beside the stages below; its output follows them)");

if (wants("unit")) await vitest("Vitest: unit", "unit", ["unit"]);
const besideE2e = wants("e2e") && built;
if (besideE2e && wants("integration"))
  console.log("(The SQLite integration suite runs beside the e2e specs; its output follows them)");
const sqliteIntegration = wants("integration")
  ? vitest("Vitest: integration (SQLite)", "integration", ["integration", "integration-serial"], {
      cwd: root,
      log: besideE2e ? integrationLog : undefined,
    })
  : Promise.resolve(true);
void sqliteIntegration.then(() => sqliteIntegrationDone());

const e2eTitle = "Playwright e2e (next build + next start, Debian Chromium)";
if (wants("e2e") && !built) {
  // The portals run from the build stage's copy, which is not there.
  console.log(`\n=== ${e2eTitle} ===\n✗ not run: the build stage failed (see "Build" above)`);
  record(e2eTitle, performance.now(), { passed: 0, failed: 1, skipped: 0 });
} else if (wants("e2e")) await playwright(e2eTitle, "e2e-results", []);

await sqliteIntegration;
if (existsSync(integrationLog)) {
  console.log(`\n--- ${path.relative(root, integrationLog)} ---`);
  process.stdout.write(readFileSync(integrationLog));
}
await node24;
if (existsSync(node24Log)) {
  console.log(`\n--- ${path.relative(root, node24Log)} ---`);
  process.stdout.write(readFileSync(node24Log));
}

summarize();
