// CPU time a server's processes and the load generator used over a measurement, from
// /proc (Linux): how many cores the run really kept busy, and the CPU each request cost.
// It tells a scaling loss from contention (CPU per request rises) apart from idle cores
// (the processes together used less than the machine has).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Server } from "./servers";

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** User + system CPU seconds of every process in the server's process group, as of now. */
function groupCpuSeconds(server: Server): number {
  if (!server.child.pid) return 0;
  let pids: string[];
  try {
    pids = execFileSync("ps", ["-o", "pid=", "-g", String(server.child.pid)], { encoding: "utf8" })
      .split("\n")
      .map((p) => p.trim())
      .filter(Boolean);
  } catch {
    return 0; // ps exits 1 when the group is gone
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      // The command name (field 2) may hold spaces; the fields after its ")" are fixed.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // exited between ps and the read
    }
  }
  return ticks / TICKS;
}

export type CpuUse = { server: number; generator: number; seconds: number };

/** Starts counting; the returned function gives the CPU used since, by the server and by this process. */
export function countCpu(server: Server): () => CpuUse {
  const serverBefore = groupCpuSeconds(server);
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  return () => {
    const generator = process.cpuUsage(generatorBefore);
    return {
      server: groupCpuSeconds(server) - serverBefore,
      generator: (generator.user + generator.system) / 1e6,
      seconds: (performance.now() - started) / 1000,
    };
  };
}
