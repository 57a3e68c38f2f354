// THE build of a test run, made the way the image makes it and with no secrets:
// a clean copy of the working tree (tests/build/clean-copy.ts) at MINIPORTAL_TEST_APP_DIR
// (kept, with its .next, for the e2e portals) or in a temporary directory (removed),
// the lockfile checked complete, then ops/Dockerfile's build commands, then the README's
// quick start (`npm start` on a first run) serving that build without building again.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIsCurrent } from "@/lib/config/build-stamp";
import { nodeEndOfLifeWarning } from "@/lib/config/node-support";
import { cleanCopy } from "./clean-copy";
import { buildStageSteps } from "./dockerfile-steps";
import { freePort, killGroup, runStep, type Running, secretlessEnv, start, waitUntil } from "./steps";

const MINUTE = 60_000;
const repo = path.resolve(import.meta.dirname, "../..");
const given = process.env.MINIPORTAL_TEST_APP_DIR || undefined;
if (given && !path.isAbsolute(given)) throw new Error(`MINIPORTAL_TEST_APP_DIR must be absolute, not ${given}`);
const done = { copy: false, build: false };
let work: string | undefined;
let app = "";
let dataRoot = "";
let portal: Running | undefined;

// In a hook, not at import: listing the tests must leave no directories behind.
beforeAll(() => {
  work = given ? undefined : mkdtempSync(path.join(tmpdir(), "mp-build-"));
  app = given ?? path.join(work!, "miniportal");
  // The first start's data lives outside the copy: the e2e portals start from it afresh.
  dataRoot = mkdtempSync(path.join(tmpdir(), "mp-first-start-"));
});

afterAll(async () => {
  if (portal) {
    killGroup(portal, "SIGTERM");
    await Promise.race([portal.exited, new Promise((r) => setTimeout(r, 15_000))]);
    killGroup(portal);
  }
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

const stamp = () => readFileSync(path.join(app, ".next/miniportal-build-stamp"), "utf8");
const buildId = () => readFileSync(path.join(app, ".next/BUILD_ID"), "utf8");

describe("the build (ops/Dockerfile's steps, no secrets) and a first start from it", () => {
  it(
    "copies the working tree clean: nothing generated, built or stored comes along",
    () => {
      const files = cleanCopy(repo, app);
      console.log(`build: clean copy of ${files} files at ${app}`);
      for (const generated of ["lib/db/generated", "lib/db/generated-pg", ".next", "data"])
        expect(existsSync(path.join(app, generated)), `${generated} in the clean copy`).toBe(false);
      expect(lstatSync(path.join(app, "node_modules")).isDirectory()).toBe(true);
      done.copy = true;
    },
    5 * MINUTE,
  );

  it(
    "has a complete lockfile: npm install --package-lock-only changes nothing",
    async () => {
      expect(done.copy, "the clean copy failed above").toBe(true);
      const before = ["package-lock.json", "package.json"].map((f) => readFileSync(path.join(app, f), "utf8"));
      // The lockfile already holds every platform's optional packages.
      await runStep(
        "lockfile check",
        "npm install --package-lock-only --no-audit --no-fund",
        app,
        secretlessEnv(),
        5 * MINUTE,
      );
      const after = ["package-lock.json", "package.json"].map((f) => readFileSync(path.join(app, f), "utf8"));
      expect(after[0] === before[0], "package-lock.json changed: run npm install and commit it").toBe(true);
      expect(after[1] === before[1], "package.json changed").toBe(true);
    },
    6 * MINUTE,
  );

  it(
    "builds with the Dockerfile's build commands and no secrets, and records the build stamp",
    async () => {
      expect(done.copy, "the clean copy failed above").toBe(true);
      // Only what follows `COPY . .`: the apt-get, npm -g and npm ci before it set up the
      // image, which the hard-linked node_modules stands in for here.
      const steps = buildStageSteps(path.join(app, "ops/Dockerfile"));
      const env = secretlessEnv(steps.env);
      let seconds = 0;
      let output = "";
      for (const command of steps.run) {
        const step = await runStep(`Dockerfile: RUN ${command}`, command, app, env, 15 * MINUTE);
        seconds += step.seconds;
        output += step.output;
      }
      console.log(`build: ${steps.run.map((c) => `RUN ${c}`).join("; ")} took ${seconds.toFixed(0)} s`);
      expect(output).toMatch(/Generated Prisma Client/);
      expect(existsSync(path.join(app, "lib/db/generated/client.ts")), "the Prisma client").toBe(true);
      expect(existsSync(path.join(app, ".next/BUILD_ID")), ".next/BUILD_ID").toBe(true);
      expect(buildIsCurrent(app), "the build stamp is current (npm start would not build again)").toBe(true);
      expect(existsSync(path.join(app, "data")), "the build wrote a data dir (it must read no secrets)").toBe(false);
      done.build = true;
    },
    16 * MINUTE,
  );

  it(
    "starts with the README's command on a first run: serves this build, /login and the admin invite",
    async () => {
      expect(done.build, "the build failed above").toBe(true);
      const [stampBefore, buildIdBefore] = [stamp(), buildId()];
      const port = await freePort();
      const dataDir = path.join(dataRoot, "data");
      const env = secretlessEnv({ PORT: String(port), MINIPORTAL_DATA_DIR: dataDir, MINIPORTAL_WORKERS: "1" });
      const started = Date.now();
      // exec: the signal below reaches npm itself, which passes it to the portal.
      portal = start("exec npm start", app, env);
      const loginStatus = () =>
        fetch(`http://127.0.0.1:${port}/login`).then(
          (r) => r.status,
          () => 0,
        );
      await waitUntil("/login answering 200", async () => (await loginStatus()) === 200, portal, 5 * MINUTE);
      console.log(`build: npm start served /login after ${((Date.now() - started) / 1000).toFixed(0)} s`);

      const output = portal.output();
      expect(output, "npm start output").not.toMatch(/ERR_MODULE_NOT_FOUND|could not start/);
      expect(output, "npm start built or generated again").not.toMatch(
        /Building the portal|Generating the Prisma client|Creating an optimized production build/,
      );
      // On an end-of-life Node (the machines' 20) one warning names the supported lines; none on 22 or 24.
      const eolWarnings = output.split("is past its end of life").length - 1;
      expect(eolWarnings, `Node ${process.version}: end-of-life warnings`).toBe(
        nodeEndOfLifeWarning(process.version, new Date()) ? 1 : 0,
      );
      if (eolWarnings) expect(output).toMatch(/supports Node\.js 24 \(recommended\)/);
      expect(stamp(), "the build stamp").toBe(stampBefore);
      expect(buildId(), ".next/BUILD_ID").toBe(buildIdBefore);
      expect(output).toMatch(
        /create the admin account \(admin@localhost\.localdomain\):\n\s+http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]+/,
      );
      const invite = /http:\/\/localhost:\d+(\/invite\/[A-Za-z0-9_-]+)/.exec(output)![1]!;
      expect((await fetch(`http://127.0.0.1:${port}${invite}`)).status).toBe(200);
      const secrets = JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as Record<string, string>;
      expect(secrets).toHaveProperty("AUTH_SECRET");
      expect(secrets).toHaveProperty("PORTAL_MASTER_PASS");

      portal.child.kill("SIGTERM");
      const code = await Promise.race([portal.exited, new Promise((r) => setTimeout(() => r("timeout"), MINUTE))]);
      expect(code, portal.describe("npm start after SIGTERM")).toBe(0);
    },
    7 * MINUTE,
  );
});
