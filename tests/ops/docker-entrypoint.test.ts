// The image's runtime stage without Docker (none runs here): ops/docker-entrypoint.sh
// starts the built portal the way a container of ops/Dockerfile does — the stage's
// ENV, WORKDIR, ENTRYPOINT and CMD, compose's environment for the app service, its
// secrets as files — as an unprivileged user, from an application directory owned
// by root that this user cannot write, with a data directory of its own.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, cpSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runtimeStage } from "../build/dockerfile-steps";
import YAML from "yaml";
import { APP_DIR, HAS_BUILD, freePort, health } from "../integration/real-portal";
import { COMPOSE_YML, OPS, tempDir } from "./helpers";

type Service = { build?: { dockerfile: string }; environment?: Record<string, string> };
// Merge keys resolved, as Compose does: app-1 and app-2 take theirs from x-scale-out-*.
const compose = YAML.parse(readFileSync(COMPOSE_YML, "utf8"), { merge: true }) as { services: Record<string, Service> };
const image = runtimeStage(path.join(OPS, "Dockerfile"));
/** Secret variables compose hands the services built from ops/Dockerfile as files. */
const fileVariables = [
  ...new Set(
    Object.values(compose.services)
      .filter((s) => s.build?.dockerfile === "ops/Dockerfile")
      .flatMap((s) => Object.keys(s.environment ?? {}).filter((k) => k.endsWith("_FILE"))),
  ),
];

/** `nobody`: no home, no groups, owns nothing of the checkout. */
const USER = { uid: 65534, gid: 65534 };
const isRoot = process.getuid?.() === 0;
const asUser = (command: string[]) => [
  "setpriv",
  `--reuid=${USER.uid}`,
  `--regid=${USER.gid}`,
  "--clear-groups",
  "--",
  ...command,
];

/** The entrypoint with `command` after it, as the image runs it, in `env` only. */
function entrypoint(env: Record<string, string>, command: string[]) {
  const [shell = "sh", script = ""] = image.entrypoint;
  const args = [path.join(OPS, path.basename(script)), ...command];
  const only: Record<string, string> = { PATH: process.env.PATH ?? "", ...env };
  // Without NODE_ENV, as a shell without it; the type insists on one.
  return spawnSync(shell, args, { env: only as NodeJS.ProcessEnv, encoding: "utf8", timeout: 30_000 });
}

describe("ops/docker-entrypoint.sh", () => {
  it("is the image's entrypoint, run as node from a root-owned /app, with only /data its own", () => {
    const dockerfile = readFileSync(path.join(OPS, "Dockerfile"), "utf8");
    expect(image.entrypoint).toEqual(["sh", "/app/ops/docker-entrypoint.sh"]);
    expect(image.user).toBe("node");
    // The stage below starts the built portal the same way: from a copy the user cannot write.
    expect(dockerfile).toMatch(/^COPY --from=build \/app \/app$/m);
    expect(dockerfile).toMatch(/^RUN mkdir -p \/data && chown node:node \/data$/m);
  });

  // In hooks, not at import: listing the tests leaves no directory behind.
  let dir = "";
  let cleanup = () => {};
  beforeAll(() => ({ dir, cleanup } = tempDir("mp-entrypoint-")));
  afterAll(() => cleanup());
  const secret = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content, { mode: 0o644 });
    return file;
  };

  it("turns every *_FILE compose.yml passes the app into its variable, trailing newline dropped", () => {
    expect(fileVariables).toEqual(
      expect.arrayContaining(["MINIPORTAL_METRICS_TOKEN_FILE", "PORTAL_MASTER_PASS_FILE", "AUTH_SECRET_FILE", "PGPASSWORD_FILE"]),
    );
    for (const fileVariable of fileVariables) {
      const variable = fileVariable.replace(/_FILE$/, "");
      const run = entrypoint({ [fileVariable]: secret(variable, `value of ${variable}\n`) }, [
        "sh",
        "-c",
        `printf '%s|%s' "$${variable}" "\${${fileVariable}-unset}"`,
      ]);
      expect(run.stdout, `${fileVariable}: ${run.stderr}`).toBe(`value of ${variable}|unset`);
    }
  });

  it("stops before the command, naming the variable, when a secret file is missing or empty", () => {
    const cases = {
      missing: path.join(dir, "no-such-secret"),
      empty: secret("empty", "\n"),
    };
    for (const [what, file] of Object.entries(cases)) {
      const run = entrypoint({ PORTAL_MASTER_PASS_FILE: file }, ["sh", "-c", "echo started"]);
      expect(run.status, what).toBe(1);
      expect(run.stdout, what).not.toContain("started");
      expect(run.stderr, what).toContain(`PORTAL_MASTER_PASS_FILE=${file}`);
      expect(run.stderr, what).toMatch(what === "empty" ? /is empty/ : /not a file this user .* can read/);
    }
  });
});

// The whole container start needs the run's build (MINIPORTAL_TEST_APP_DIR) and root
// to switch users; without them it is skipped (`npm test` and CI have both).
describe.skipIf(!HAS_BUILD || !isRoot)("the image's runtime stage, started without Docker", () => {
  // The image's /app, /data, /run/secrets and the user's home, under one searchable directory.
  let [root, app, data, secrets, home, bin] = ["", "", "", "", "", ""];
  let cleanup = () => {};
  let port = 0;
  let portal: ReturnType<typeof spawn> | undefined;
  let output = "";
  let exited: Promise<number | null> = Promise.resolve(null);

  beforeAll(async () => {
    ({ dir: root, cleanup } = tempDir("mp-container-"));
    app = path.join(root, "app");
    data = path.join(root, "data");
    secrets = path.join(root, "run-secrets");
    home = path.join(root, "home");
    bin = path.join(root, "bin");
    chmodSync(root, 0o755);
    // Hard links: the build's files as they are (root's, not writable by others), new directories.
    execFileSync("cp", ["-al", APP_DIR, app], { timeout: 180_000 });
    // This run's node first on PATH (Node 24 in the Node 24 pass), reachable by the user.
    mkdirSync(bin);
    try {
      linkSync(process.execPath, path.join(bin, "node"));
    } catch {
      cpSync(process.execPath, path.join(bin, "node"));
    }
    for (const d of [data, home]) {
      mkdirSync(d);
      chownSync(d, USER.uid, USER.gid);
    }
    // The operator's step (ops/README.md); compose bind-mounts the files into /run/secrets.
    execFileSync("sh", [path.join(OPS, "init-secrets.sh"), secrets], { stdio: "pipe" });
    chmodSync(secrets, 0o755);
    port = await freePort();
  }, 240_000);

  afterAll(async () => {
    // The whole group: npm's children (the primary and its worker) too.
    if (portal?.pid && portal.exitCode === null) {
      process.kill(-portal.pid, "SIGKILL");
      await exited;
    }
    cleanup();
  });

  /** The container's environment: the image's ENV, then compose's for `app`, paths mapped here. */
  function containerEnv(): NodeJS.ProcessEnv {
    const env: Record<string, string> = {
      PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
      HOME: home,
      ...image.env,
      ...compose.services.app?.environment,
      PORT: String(port),
      MINIPORTAL_DATA_DIR: data,
      MINIPORTAL_WORKERS: "1",
    };
    // No Tempo here; an unreachable collector is tested elsewhere.
    delete env.MINIPORTAL_OTLP_ENDPOINT;
    for (const [name, value] of Object.entries(env))
      if (name.endsWith("_FILE")) env[name] = value.replace(/^\/run\/secrets\//, `${secrets}/`);
    return env as NodeJS.ProcessEnv; // the image's NODE_ENV (production) is in image.env
  }

  it("has an application directory the user cannot write", () => {
    expect(statSync(app).uid).toBe(0);
    for (const target of [app, path.join(app, ".next"), path.join(app, "package.json")]) {
      // A new file in a directory, or the file itself (touch needs write permission for both).
      const [cmd = "", ...args] = asUser(["sh", "-c", 'touch "$0/probe" 2>/dev/null || touch "$0"', target]);
      expect(spawnSync(cmd, args).status, `${target} is writable by uid ${USER.uid}`).not.toBe(0);
    }
  });

  it(
    "starts the portal with secrets from files: /health answers, /metrics wants the file's token",
    async () => {
      const [shell = "", script = ""] = image.entrypoint;
      const command = asUser([shell, script.replace(/^\/app\//, `${app}/`), ...image.cmd]);
      const started = Date.now();
      const child = spawn(command[0]!, command.slice(1), { cwd: app, env: containerEnv(), stdio: ["ignore", "pipe", "pipe"] });
      portal = child;
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
      const base = `http://127.0.0.1:${port}`;
      while (!(await health(base))) {
        if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output.slice(-4000)}`);
        if (Date.now() - started > 180_000) throw new Error(`no /health within 180 s:\n${output.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      console.log(`container: /health answered after ${((Date.now() - started) / 1000).toFixed(0)} s`);

      const token = readFileSync(path.join(secrets, "metrics_token"), "utf8").trim();
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(metrics.status).toBe(200);
      // The master pass came from its file: only the secret compose does not pass was generated.
      const generated = JSON.parse(readFileSync(path.join(data, "secrets.json"), "utf8")) as Record<string, string>;
      expect(Object.keys(generated)).toEqual(["AUTH_SECRET"]);
      expect(statSync(path.join(data, "secrets.json")).uid).toBe(USER.uid);
      expect(output, "a write into the application directory was attempted").not.toMatch(/EACCES|EROFS|EPERM/);
    },
    240_000,
  );

  it("passes the image's HEALTHCHECK, run as the same user in the same environment", () => {
    expect(portal?.exitCode, "the portal is running").toBeNull();
    const [cmd = "", ...args] = asUser(image.healthcheck);
    const check = spawnSync(cmd, args, { env: containerEnv(), encoding: "utf8", timeout: 10_000 });
    expect(check.status, check.stderr).toBe(0);
  });

  it("stops on SIGTERM (docker stop) with exit 0", async () => {
    portal!.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 30_000))]);
    expect(code, output.slice(-3000)).toBe(0);
  });
});
