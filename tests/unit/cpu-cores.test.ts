import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { coresFromCpuMax, coresFromQuota, usableCores } from "@/lib/server/cpu-cores";

describe("usable cores", () => {
  it("read a cgroup v2 cpu.max: no limit, whole cores, and a part of a core counted as one", () => {
    expect(coresFromCpuMax("max 100000\n")).toBeNull();
    expect(coresFromCpuMax("200000 100000\n")).toBe(2);
    expect(coresFromCpuMax("150000 100000")).toBe(2); // docker --cpus=1.5
    expect(coresFromCpuMax("50000 100000")).toBe(1);
    expect(coresFromCpuMax("100000")).toBe(1); // the period defaults to 100 ms
    expect(coresFromCpuMax("")).toBeNull();
    expect(coresFromCpuMax("garbage here")).toBeNull();
  });

  it("read a cgroup v1 quota: -1 is none", () => {
    expect(coresFromQuota(-1, 100_000)).toBeNull();
    expect(coresFromQuota(400_000, 100_000)).toBe(4);
    expect(coresFromQuota(100_000, 0)).toBeNull();
  });

  it("are never more than the CPUs this process may run on, and at least one", () => {
    expect(usableCores()).toBeGreaterThanOrEqual(1);
    expect(usableCores()).toBeLessThanOrEqual(availableParallelism());
  });
});
