// Keeping the load generator off the server's cores (issue 24): on a small
// machine the generator otherwise takes CPU from the server it measures and
// the numbers swing by half between runs. With two or more cores the server
// gets every core but the first, the generator the first (taskset from
// util-linux); on one core, without taskset, or with --no-pin, nothing is pinned
// and the run says so.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readlinkSync } from "node:fs";
import { availableParallelism } from "node:os";
import { descendants } from "../../lib/server/process-tree";

export type Pinning = { server: string; generator: string; summary: string };

// The cores this process was given when it started. availableParallelism() follows the
// process's affinity, so asked after pinProcess() had put this process on core 0 it
// answered 1: the "unpinned" runs then put the portal and the generator both on core 0.
const STARTED_WITH_CORES = availableParallelism();

function hasTaskset(): boolean {
  return spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Which cores serve and which generate load, or null (with the reason printed) when the run stays unpinned. */
export function planPinning(disabled: boolean): Pinning | null {
  const cores = STARTED_WITH_CORES;
  const why = disabled
    ? "--no-pin"
    : cores < 2
      ? "one core"
      : hasTaskset()
        ? null
        : "taskset (util-linux) is not installed";
  if (why) {
    console.log(`▸ Not pinned (${why}): the load generator shares the server's cores; compare ratios from one run.`);
    return null;
  }
  const server = cores === 2 ? "1" : `1-${cores - 1}`;
  return {
    server,
    generator: "0",
    summary: `server on core${cores === 2 ? "" : "s"} ${server}, load generator on core 0 (taskset)`,
  };
}

/** A command run under taskset on `cores` (its children inherit the affinity), or as it is without pinning. */
export function pinnedCommand(cores: string | null, command: string, args: string[]): [string, string[]] {
  return cores ? ["taskset", ["-c", cores, command, ...args]] : [command, args];
}

/** Sets the affinity of every thread of a process (libuv's pool included). */
export function pinProcess(pid: number, cores: string): void {
  execFileSync("taskset", ["-a", "-cp", cores, String(pid)], { stdio: "ignore" });
}

/** Every core again, for a measurement that must run unpinned. */
export function allCores(): string {
  return `0-${STARTED_WITH_CORES - 1}`;
}

/** A process and all its descendants (cluster workers, next-server). */
export function processTree(root: number): number[] {
  return [root, ...descendants(root)];
}

/** The pid listening on a loopback TCP port (the portal's primary), from `ss`; null when none is visible. */
export function listenerPid(port: number): number | null {
  const out = spawnSync("ss", ["-Htlnp", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(out.stdout ?? "");
  return match ? Number(match[1]) : null;
}

/**
 * The Node version of the process listening on `port` (its /proc/<pid>/exe), when
 * it can be seen: a portal started with another Node than this load generator's
 * serves at another speed (docs/loadtest.md), so runs say which one they measured.
 */
export function serverNodeVersion(port: number): string | null {
  const pid = listenerPid(port);
  if (!pid) return null;
  try {
    const version = execFileSync(readlinkSync(`/proc/${pid}/exe`), ["--version"], { encoding: "utf8" }).trim();
    return /^v\d+\.\d+\.\d+/.test(version) ? version : null;
  } catch {
    return null; // another user's process, or not Node
  }
}

/**
 * For a server already running (npm run loadtest): pins the process listening on
 * `port` and its descendants to the server's cores and this process to the
 * generator's, and gives the server every core back when this process exits.
 */
export async function pinRunningServer(port: number, disabled: boolean): Promise<void> {
  const plan = planPinning(disabled);
  if (!plan) return;
  const pid = listenerPid(port);
  if (!pid) {
    console.log(`▸ Not pinned: no process of this user is seen listening on port ${port}.`);
    return;
  }
  const tree = processTree(pid);
  const each = (cores: string) => {
    for (const p of tree) {
      try {
        pinProcess(p, cores);
      } catch {
        /* exited meanwhile */
      }
    }
  };
  each(plan.server);
  pinProcess(process.pid, plan.generator);
  console.log(`▸ Pinned: ${plan.summary}; the server is pid ${pid} with ${tree.length - 1} descendant process(es).`);
  process.once("exit", () => each(allCores()));
  // With MINIPORTAL_WORKERS unset, `npm start` keeps one worker per usable core: it retires
  // the extra ones within seconds (lib/server/primary.ts). Measure once that has settled.
  const serverCores = plan.server.includes("-") ? STARTED_WITH_CORES - 1 : 1;
  const before = serverWorkers(pid);
  const deadline = Date.now() + 15_000;
  while (serverWorkers(pid) > serverCores && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  const after = serverWorkers(pid);
  console.log(
    after === before
      ? `  The server runs ${after} worker(s) on ${serverCores} core(s).`
      : `  The server went from ${before} to ${after} worker(s), one per core it now has (MINIPORTAL_WORKERS unset).`,
  );
}

/** The portal's server workers under pid (their process title is miniportal-worker-N). */
function serverWorkers(pid: number): number {
  return descendants(pid).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, "utf8").startsWith("miniportal-work");
    } catch {
      return false; // exited meanwhile
    }
  }).length;
}
