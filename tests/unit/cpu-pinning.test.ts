// The benchmarks' CPU pinning (issue 24, item 1), against real processes: taskset
// and ss from the machine, affinities read back from /proc.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { listenerPid, pinProcess, pinnedCommand, planPinning, processTree } from "../../scripts/bench/cpu-pinning";

const allowed = (pid: number) => /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];

describe("CPU pinning for the benchmarks", () => {
  it("plans the server on every core but the first and the generator on the first, or nothing when told not to", () => {
    expect(planPinning(true)).toBeNull();
    const plan = planPinning(false);
    if (availableParallelism() < 2) expect(plan).toBeNull();
    else
      expect(plan).toMatchObject({ generator: "0", server: availableParallelism() === 2 ? "1" : expect.any(String) });
    expect(pinnedCommand(null, "npm", ["start"])).toEqual(["npm", ["start"]]);
    expect(pinnedCommand("1", "npm", ["start"])).toEqual(["taskset", ["-c", "1", "npm", "start"]]);
  });

  it("gives every core back after pinning itself to the first (the unpinned runs after a pinned one)", () => {
    // In a process of its own: pinning this test's worker would slow the rest of the suite.
    const script = `
      import { allCores, pinProcess, planPinning } from "./scripts/bench/cpu-pinning.ts";
      pinProcess(process.pid, "0");
      pinProcess(process.pid, allCores());
      console.log(JSON.stringify({ all: allCores(), plan: planPinning(false)?.server ?? null }));`;
    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const out = execFileSync(process.execPath, [tsx, "--input-type=module", "-e", script], { encoding: "utf8" });
    const { all, plan } = JSON.parse(out.trim().split("\n").at(-1)!) as { all: string; plan: string | null };
    const cores = availableParallelism();
    expect(all).toBe(`0-${cores - 1}`);
    if (cores >= 2) expect(plan).toBe(cores === 2 ? "1" : `1-${cores - 1}`);
  }, 30_000); // a tsx child process: 5.6 s once on a loaded machine

  it("pins a running process tree and finds the pid behind a listening port", async () => {
    const child = spawn("sh", ["-c", "sleep 30 & wait"], { stdio: "ignore", detached: true });
    await new Promise((r) => setTimeout(r, 200));
    try {
      const tree = processTree(child.pid!);
      expect(tree[0]).toBe(child.pid);
      expect(tree.length).toBe(2); // sh and its sleep
      for (const pid of tree) pinProcess(pid, "0");
      for (const pid of tree) expect(allowed(pid)).toBe("0");
    } finally {
      process.kill(-child.pid!, "SIGKILL"); // the group: sh and its sleep
    }
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(listenerPid(port)).toBe(process.pid);
    } finally {
      server.close();
    }
  });
});
