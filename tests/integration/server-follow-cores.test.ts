// lib/server/primary.ts with the default worker count, in a real `npm start`
// (tests/integration/real-portal.ts): taskset takes a core away from the running
// server and gives it back, as an operator or a container resize does. The workers
// follow (two on two cores, one on one), the retired one drains, and every request on
// a new connection is answered throughout.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { descendants } from "@/lib/server/process-tree";
import { waitUntil } from "../helpers/wait";
import { HAS_BUILD, freePort, startRealPortal, waitUntilServing, workerPids } from "./real-portal";

const HAS_TASKSET = spawnSync("taskset", ["--version"]).status === 0;

function pin(pid: number, cores: string): void {
  for (const p of [pid, ...descendants(pid)])
    spawnSync("taskset", ["-a", "-cp", cores, String(p)], { stdio: "ignore" });
}

/** GET on a connection of its own: what the primary hands to a worker after the change. */
function getOnce(port: number, path: string): Promise<string> {
  return new Promise((resolve) => {
    // Beside the e2e specs in CI a page can take seconds (a new worker's first renders); a
    // connection nobody answers still fails here.
    const req = http.get({ host: "127.0.0.1", port, path, agent: false, timeout: 60_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200 ? "ok" : `status ${res.statusCode}`));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe.runIf(HAS_BUILD && HAS_TASKSET && availableParallelism() >= 2)("workers that follow the cores", () => {
  it("one core taken away retires a worker, given back adds one, and every request is answered", async () => {
    const dataDir = mkdtempSync(nodePath.join(tmpdir(), "mp-cores-"));
    const port = await freePort();
    // Two cores to start from, whatever this runner was given; MINIPORTAL_WORKERS unset.
    const portal = startRealPortal(dataDir, port, { MINIPORTAL_WORKERS: "" });
    execFileSync("taskset", ["-a", "-cp", "0,1", String(portal.pid)], { stdio: "ignore" });
    const results: string[] = [];
    const t0 = performance.now();
    const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
    const events: string[] = [];
    let probing = true;
    const probes: Promise<void>[] = [];
    try {
      await waitUntilServing(portal);
      expect(workerPids(portal.pid), portal.output().slice(-2000)).toHaveLength(2);
      // Pages and health checks, each on its own connection, while the workers change.
      for (const path of ["/login", "/health", "/login"])
        probes.push(
          (async () => {
            while (probing) {
              const sent = at();
              const result = await getOnce(port, path);
              results.push(`${path} sent at ${sent}, ${result === "ok" ? "ok" : `${result} at ${at()}`}`);
            }
          })(),
        );
      await waitUntil("a few answers before the change", () => results.length >= 6, { timeoutMs: 30_000 });

      pin(portal.pid, "1");
      events.push(`one core at ${at()}`);
      await waitUntil("one worker on one core", () => workerPids(portal.pid).length === 1, {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
      const log = () => portal.output();
      expect(log()).toMatch(/"event":"workers\.resizing","from":2,"to":1/);
      await waitUntil("the retired worker's exit", () => /"event":"worker\.retired"/.test(log()));
      events.push(`retired at ${at()}`);
      const answeredWithOne = results.length;
      await waitUntil("answers from the one worker", () => results.length >= answeredWithOne + 6, {
        timeoutMs: 30_000,
      });

      pin(portal.pid, "0,1");
      events.push(`two cores at ${at()}`);
      await waitUntil(
        "two workers listening again",
        () => workerPids(portal.pid).length === 2 && (log().match(/"event":"worker\.listening"/g)?.length ?? 0) === 3,
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      expect(log()).toMatch(/"event":"workers\.resizing","from":1,"to":2/);
      events.push(`two workers at ${at()}`);
      const answeredBeforeTwo = results.length;
      await waitUntil("answers from both", () => results.length >= answeredBeforeTwo + 6, { timeoutMs: 30_000 });
      probing = false;
      await Promise.all(probes);

      expect(log()).not.toMatch(/worker\.exited|worker\.restarting|server\.failed/);
      const failed = results.filter((r) => !r.endsWith(", ok"));
      console.log(
        `follow cores: ${results.length} requests; ${events.join(", ")}; failed: ${failed.join("; ") || "none"}`,
      );
      expect(failed).toEqual([]);
    } finally {
      probing = false;
      await Promise.all(probes);
      await portal.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
