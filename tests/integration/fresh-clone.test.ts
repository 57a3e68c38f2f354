// The README's quick start on a tree with nothing generated, built or stored:
// the repository cloned at HEAD into a temporary directory, node_modules provided
// as hard links of this checkout's (a real directory: Turbopack refuses a
// node_modules symlinked from outside the project), then `npm start` with a free
// port and a temporary data dir until /login answers and the admin invite is
// printed. Also: the committed lockfile is complete (npm leaves it unchanged).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(".");
// No useTestDb: a fresh clone starts with no database at all; `npm start` makes it.
const work = mkdtempSync(path.join(tmpdir(), "mp-fresh-clone-"));
const clone = path.join(work, "miniportal");
let portal: ChildProcess | undefined;

afterAll(async () => {
  if (portal?.exitCode === null) {
    portal.kill("SIGTERM");
    await new Promise((r) => portal!.once("exit", r));
  }
  rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("a fresh clone", () => {
  it(
    "starts with the README's command: builds, serves /login and prints the admin invite",
    async () => {
      execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);
      for (const generated of ["lib/db/generated", ".next", "data"])
        expect(existsSync(path.join(clone, generated))).toBe(false);
      execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(clone, "node_modules")]);

      // The lockfile already holds every platform's optional packages.
      execFileSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"], {
        cwd: clone,
        stdio: "ignore",
      });
      expect(
        execFileSync("git", ["status", "--porcelain", "package-lock.json", "package.json"], {
          cwd: clone,
          encoding: "utf8",
        }),
      ).toBe("");

      const port = await freePort();
      const dataDir = path.join(work, "data");
      let output = "";
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        MINIPORTAL_DATA_DIR: dataDir,
        MINIPORTAL_WORKERS: "1",
      };
      for (const name of ["AUTH_SECRET", "PORTAL_MASTER_PASS", "DATABASE_URL", "MINIPORTAL_LOG_LEVEL"])
        delete env[name];
      portal = spawn("npm", ["start"], { cwd: clone, env, stdio: ["ignore", "pipe", "pipe"] });
      portal.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      portal.stderr!.on("data", (d: Buffer) => (output += d.toString()));

      const deadline = Date.now() + 25 * 60_000; // a first `next build` on a busy 2-core machine
      let login = 0;
      while (Date.now() < deadline && portal.exitCode === null && login !== 200) {
        await new Promise((r) => setTimeout(r, 1000));
        login = await fetch(`http://127.0.0.1:${port}/login`).then(
          (r) => r.status,
          () => 0,
        );
      }
      expect(output, "npm start output").not.toMatch(/ERR_MODULE_NOT_FOUND|could not start/);
      expect(login, `GET /login; npm start said:\n${output.slice(-4000)}`).toBe(200);
      expect(output).toMatch(/Generating the Prisma client/);
      expect(output).toMatch(
        /create the admin account \(admin@localhost\.localdomain\):\n\s+http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]+/,
      );
      const invite = /http:\/\/localhost:\d+(\/invite\/[A-Za-z0-9_-]+)/.exec(output)![1]!;
      expect((await fetch(`http://127.0.0.1:${port}${invite}`)).status).toBe(200);
      expect(JSON.parse(readFileSync(path.join(dataDir, "secrets.json"), "utf8"))).toHaveProperty("AUTH_SECRET");

      portal.kill("SIGTERM");
      const code = await new Promise((r) => portal!.once("exit", r));
      expect(code).toBe(0);
    },
    30 * 60_000,
  );
});
