// A real `npm start` (node --import tsx scripts/start.ts, as package.json runs it)
// for the process tests: from the test run's build (MINIPORTAL_TEST_APP_DIR, see
// docs/testing.md) or this checkout when its build is current, on its own data dir
// and port. Without a current build the callers skip: building here would cost minutes.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { buildIsCurrent } from "@/lib/config/build-stamp";
export { freePort } from "../ops/prometheus-local";

export const APP_DIR = path.resolve(process.env.MINIPORTAL_TEST_APP_DIR || ".");
export const HAS_BUILD = buildIsCurrent(APP_DIR);

export const SECRETS = {
  AUTH_SECRET: "real-portal-auth-secret-0123456789abcdef",
  PORTAL_MASTER_PASS: "real-portal-master-pass",
};

/** This process's environment without the runner's portal settings (NODE_ENV=test included), plus the portal's. */
export function portalEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^(MINIPORTAL_|E2E_)/.test(name) && !["NODE_ENV", "DATABASE_URL", "REDIS_URL", "SENTRY_DSN"].includes(name))
      env[name] = value;
  Object.assign(env, {
    ...SECRETS,
    MINIPORTAL_DATA_DIR: dataDir,
    PORT: String(port),
    MINIPORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    MINIPORTAL_WORKERS: "2",
    MINIPORTAL_LOG_JSON: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  });
  return env as NodeJS.ProcessEnv; // without NODE_ENV, as an operator's shell; the type insists on one
}

export type RealPortal = {
  child: ChildProcess;
  pid: number;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
  /** The first-run admin invite path start printed (/invite/<token>). */
  invitePath: () => string | null;
  stop: () => Promise<number | null>;
};

export function startRealPortal(dataDir: string, port: number, extra: Record<string, string> = {}): RealPortal {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: APP_DIR,
    env: portalEnv(dataDir, port, extra),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    pid: child.pid!,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    invitePath: () => /https?:\/\/[^/\s]+(\/invite\/[\w-]+)/.exec(output)?.[1] ?? null,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export async function health(base: string): Promise<boolean> {
  return fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
}

export async function waitUntilServing(portal: RealPortal, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void portal.exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    if (await health(portal.base)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the portal did not become ready${gone ? " (it exited)" : ""}:\n${portal.output().slice(-3000)}`);
}

/** The server workers under pid (children whose command is scripts/worker.ts or, once titled, miniportal-worker-N). */
export function workerPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const state = stat.slice(stat.lastIndexOf(")") + 2)[0];
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (ppid === pid && state !== "Z" && /scripts\/worker\.ts|miniportal-worker/.test(command))
        out.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return out.sort((a, b) => a - b);
}

/** Another command on the same data dir (a second start, db:migrate), run to its end. */
export function runCommand(script: string, dataDir: string, port: number, timeoutMs = 60_000) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: APP_DIR,
    env: portalEnv(dataDir, port),
    encoding: "utf8",
    timeout: timeoutMs,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}`, ms: performance.now() - started };
}

/**
 * A script of the build run to its end beside a running portal, without blocking: spawnSync
 * would stop this process reading the portal's output, whose pipe then fills and stalls it.
 */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: APP_DIR,
      env: { ...process.env, ...env },
    });
    let out = "";
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, out });
    });
  });
}
