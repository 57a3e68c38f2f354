// How many cores this process may use: the CPUs it is allowed to run on (its
// affinity: taskset, a cpuset) and, in a container, its cgroup's CPU quota
// (docker --cpus, a Kubernetes limit), whichever is fewer. `npm start` runs one
// server worker per core by default, and both can change while it serves (taskset
// on a running server, a container resized in place): lib/server/primary.ts asks
// again every few seconds. Node's availableParallelism() reads the affinity only.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Cores granted by a cgroup v2 `cpu.max` ("max 100000", "150000 100000"); null when unlimited or unreadable. */
export function coresFromCpuMax(text: string): number | null {
  const [quota, period] = text.trim().split(/\s+/);
  if (!quota || quota === "max") return null;
  return coresFromQuota(Number(quota), Number(period ?? 100_000));
}

/** Cores granted by a quota per period (cgroup v1 gives -1 for none); a part of a core counts as one. */
export function coresFromQuota(quotaUs: number, periodUs: number): number | null {
  if (!Number.isFinite(quotaUs) || !Number.isFinite(periodUs) || quotaUs <= 0 || periodUs <= 0) return null;
  return Math.max(1, Math.ceil(quotaUs / periodUs));
}

function read(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** The CPU quota of this process's cgroup, v2 or v1, in cores; null when there is none. */
export function cgroupCores(): number | null {
  const own = read("/proc/self/cgroup") ?? "";
  const v2Path = /^0::(\/.*)$/m.exec(own)?.[1];
  for (const dir of v2Path && v2Path !== "/" ? [`/sys/fs/cgroup${v2Path}`, "/sys/fs/cgroup"] : ["/sys/fs/cgroup"]) {
    const max = read(`${dir}/cpu.max`);
    if (max !== null) return coresFromCpuMax(max);
  }
  const quota = read("/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
  const period = read("/sys/fs/cgroup/cpu/cpu.cfs_period_us");
  return quota !== null && period !== null ? coresFromQuota(Number(quota), Number(period)) : null;
}

/** The cores this process may use now (at least one). */
export function usableCores(): number {
  const quota = cgroupCores();
  return Math.max(1, quota === null ? availableParallelism() : Math.min(availableParallelism(), quota));
}
