// Servers the capacity benchmark starts: the portal exactly as `npm start` runs
// it (with MINIPORTAL_WORKERS), and the bare fixture app under `next start`.
// Each runs in its own process group so a stop reaches every worker it forked.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, openSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pinnedCommand } from "./cpu-pinning";

export type Server = { name: string; base: string; child: ChildProcess; logFile: string };

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
export const BARE_APP_DIR = path.join(root, "bench/bare-app");

function nextVersion(): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules/next/package.json"), "utf8")) as { version: string })
    .version;
}

/** Builds the fixture app when its build is missing or came from another Next version. */
export function ensureBareBuild(): void {
  const stamp = path.join(BARE_APP_DIR, ".next/bench-next-version");
  if (
    existsSync(path.join(BARE_APP_DIR, ".next/BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === nextVersion()
  )
    return;
  console.log(`▸ Building the bare fixture app (bench/bare-app, next ${nextVersion()})`);
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: BARE_APP_DIR,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build of bench/bare-app failed");
  writeFileSync(stamp, nextVersion());
}

async function waitReady(server: Server, readyPath: string, timeoutMs: number): Promise<Server> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(`${server.name} exited (code ${server.child.exitCode}); see ${server.logFile}`);
    try {
      if ((await fetch(`${server.base}${readyPath}`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${server.name} did not become ready; see ${server.logFile}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

function launch(
  name: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  port: number,
  logFile: string,
  cores: string | null,
): Server {
  const out = openSync(logFile, "a");
  const [command, commandArgs] = pinnedCommand(cores, process.execPath, args);
  const child = spawn(command, commandArgs, {
    cwd,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", out, out],
    detached: true,
  });
  return { name, base: `http://127.0.0.1:${port}`, child, logFile };
}

/** `cores`: the CPU list it may run on (taskset), or null for any. */
export async function startBare(port: number, logFile: string, cores: string | null = null): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" as const };
  return waitReady(
    launch("bare", [nextBin, "start", "-H", "127.0.0.1", "-p", String(port)], BARE_APP_DIR, env, port, logFile, cores),
    "/",
    60_000,
  );
}

/** `npm start`: migrate, import, build if stale, serve with `workers` workers. */
export async function startPortal(
  workers: number,
  port: number,
  serverEnv: Record<string, string>,
  logFile: string,
  cores: string | null = null,
): Promise<Server> {
  const env = {
    ...process.env,
    ...serverEnv,
    PORT: String(port),
    MINIPORTAL_BASE_URL: `http://127.0.0.1:${port}`,
    MINIPORTAL_WORKERS: String(workers),
  };
  const out = openSync(logFile, "a");
  // `npm start` itself, so the benchmark follows whatever that script becomes.
  const [command, args] = pinnedCommand(cores, "npm", ["start", "--silent"]);
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", out, out],
    detached: true,
  });
  const server: Server = {
    name: `portal (${workers} worker${workers === 1 ? "" : "s"})`,
    base: `http://127.0.0.1:${port}`,
    child,
    logFile,
  };
  return waitReady(server, "/health", 10 * 60_000);
}

/** Processes in the server's group that serve requests: `miniportal-worker-N` (or `next-server`). */
export function serverProcesses(server: Server): number {
  return servingPids(server).length;
}

/** The pids of the processes in the server's group that serve requests. */
export function servingPids(server: Server): number[] {
  if (!server.child.pid) return [];
  const ps = execFileSync("ps", ["-o", "pid=,args=", "-g", String(server.child.pid)], { encoding: "utf8" });
  return ps
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m) => m !== null && /^(next-server|miniportal-worker-)/.test(m[2]!.trim()))
    .map((m) => Number(m![1]));
}

export async function stop(server: Server): Promise<void> {
  const pid = server.child.pid;
  if (!pid || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  process.kill(-pid, "SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
}
