// lib/server/drain.ts on a real socket: a stop finishes the requests in flight,
// closes kept-alive sockets even while their clients keep sending, refuses new
// connections, and cuts what is left at the deadline. Then lib/server/primary.ts in
// a real `npm start` (tests/integration/real-portal.ts): workers killed while it
// serves, a replacement among them, are started again while the others serve.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import nodePath from "node:path";
import { describe, expect, it } from "vitest";
import { createDrainableServer } from "@/lib/server/drain";
import { waitUntil } from "../helpers/wait";
import { HAS_BUILD, freePort, startRealPortal, waitUntilServing, workerPids } from "./real-portal";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A drainable server whose handler answers after handlerMs; `running` counts requests it holds now. */
function listen(handlerMs: number) {
  const state = { running: 0, paths: new Set<string>() };
  const drainable = createDrainableServer((req, res) => {
    state.running++;
    state.paths.add(req.url ?? "");
    res.once("close", () => state.running--);
    setTimeout(() => res.end("ok"), handlerMs);
  });
  return new Promise<{ drainable: typeof drainable; port: number; state: typeof state }>((resolve) =>
    drainable.server.listen(0, "127.0.0.1", () =>
      resolve({ drainable, port: (drainable.server.address() as AddressInfo).port, state }),
    ),
  );
}

function get(
  port: number,
  agent: http.Agent,
  path = "/",
): Promise<{ status: number; connection: string | undefined } | "error"> {
  return new Promise((resolve) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      })
      .on("error", () => resolve("error"));
  });
}

describe("draining an HTTP server", () => {
  it("finishes in-flight requests and stops promptly while clients keep sending on kept-alive sockets", async () => {
    const { drainable, port, state } = await listen(200);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const answers: Awaited<ReturnType<typeof get>>[] = [];
    let running = true;
    const clients = Array.from({ length: 4 }, async () => {
      while (running) {
        const a = await get(port, agent);
        answers.push(a);
        if (a === "error") await sleep(20);
      }
    });
    // Every kept-alive socket has served a request and carries the next one.
    await waitUntil("4 answers on the kept-alive sockets", () => answers.length >= 4);
    await waitUntil("4 client requests in the handler", () => state.running >= 4);
    // Running when the stop begins: must still be answered.
    const inFlight = get(port, new http.Agent({ keepAlive: true }), "/in-flight");
    await waitUntil("the in-flight request in the handler", () => state.paths.has("/in-flight"));
    const result = await drainable.drain(5000);
    expect(result.outcome).toBe("drained");
    expect(result.ms).toBeLessThan(1500); // one more request per socket at most, not "until the clients stop"
    expect(await inFlight).toMatchObject({ status: 200, connection: "close" });
    expect(await get(port, new http.Agent())).toBe("error"); // no new connections
    running = false;
    await Promise.all(clients);
    agent.destroy();
    const served = answers.filter((a) => a !== "error");
    expect(served.every((a) => a.status === 200)).toBe(true);
    expect(served.some((a) => a.connection === "close")).toBe(true);
  });

  it("cuts requests still running at the deadline", async () => {
    const { drainable, port, state } = await listen(10_000);
    const agent = new http.Agent({ keepAlive: true });
    const slow = get(port, agent);
    await waitUntil("the slow request in the handler", () => state.running === 1);
    const result = await drainable.drain(300);
    expect(result).toMatchObject({ outcome: "forced", cut: 1 });
    expect(await slow).toBe("error");
    agent.destroy();
  });
});

/** GET /health on a fresh connection (a kept-alive socket would stay with one worker): "ok", a status or an error code. */
function healthOnce(port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/health", agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode === 200 ? "ok" : String(res.statusCode)));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe.runIf(HAS_BUILD)("workers of a running portal", () => {
  it("a worker killed, then its replacement killed while starting: the other serves throughout and both come back", async () => {
    const dataDir = mkdtempSync(nodePath.join(tmpdir(), "mp-workers-"));
    const port = await freePort();
    const portal = startRealPortal(dataDir, port);
    const probes: { at: number; ok: boolean; result: string; ms: number }[] = [];
    let prober: NodeJS.Timeout | undefined;
    try {
      await waitUntilServing(portal);
      const [first, survivor] = workerPids(portal.pid);
      expect(survivor, `two workers under the primary: ${workerPids(portal.pid).join(", ")}`).toBeDefined();
      // A probe every 50 ms, each on its own connection, whether or not the last one answered.
      const pending: Promise<void>[] = [];
      prober = setInterval(() => {
        const at = performance.now();
        pending.push(
          healthOnce(port).then(
            (result) => void probes.push({ at, ok: result === "ok", result, ms: performance.now() - at }),
          ),
        );
      }, 50);
      await waitUntil("a few answers before the kills", () => probes.filter((p) => p.ok).length >= 3);

      const killedAt = performance.now();
      process.kill(first!, "SIGKILL");
      let replacement = 0;
      await waitUntil(
        "the replacement worker's process",
        () => (replacement = workerPids(portal.pid).find((p) => p !== first && p !== survivor) ?? 0) > 0,
        { intervalMs: 5 },
      );
      process.kill(replacement, "SIGKILL");
      expect(portal.output(), "the replacement was still starting").not.toContain(`"pid":${replacement}`);

      const gone = () => {
        if (portal.child.exitCode !== null || portal.child.signalCode !== null)
          throw new Error(`npm start exited:\n${portal.output().slice(-2000)}`);
      };
      await waitUntil(
        "two workers listening again",
        () => {
          gone();
          const listening = portal.output().match(/"event":"worker\.listening"/g)?.length ?? 0;
          return workerPids(portal.pid).length === 2 && listening === 3; // the first two and the new one
        },
        { timeoutMs: 45_000, intervalMs: 100 },
      );
      await new Promise((r) => setTimeout(r, 500)); // and a moment of serving with both
      clearInterval(prober);
      const endedAt = performance.now();
      await Promise.all(pending);

      const workers = workerPids(portal.pid);
      expect(workers).toContain(survivor);
      expect(workers).not.toContain(first);
      expect(workers).not.toContain(replacement);
      const log = portal.output();
      expect(log).not.toMatch(/server\.failed|exited while starting|server\.stopping/);
      expect(log.match(/"event":"worker\.restarting"/g), "two restarts").toHaveLength(2);
      // The survivor answered /health throughout. Lost: only connections that were on the
      // killed worker (in flight, or handed to it before the primary saw it die), never later ones.
      const at = (p: (typeof probes)[number]) => `${p.result} ${Math.round(p.ms)} ms at ${Math.round(p.at - killedAt)}`;
      const failed = probes.filter((p) => !p.ok);
      const lateFailures = failed.filter((p) => p.at > killedAt + 1000);
      const answered = [...probes.filter((p) => p.ok).map((p) => p.at), endedAt].sort((a, b) => a - b);
      const longestGapMs = Math.max(...answered.slice(1).map((t, i) => t - answered[i]!));
      console.log(
        `workers: ${probes.length} /health probes, ${failed.length} failed (${failed.map(at).join(", ")}), ` +
          `longest gap between answers ${Math.round(longestGapMs)} ms`,
      );
      expect(lateFailures.map(at), "probes sent 1 s or more after the kill that failed").toEqual([]);
      expect(longestGapMs, "longest time without a successful /health").toBeLessThan(3000);
      expect(await portal.stop(), "npm start exits 0 on SIGTERM").toBe(0);
    } finally {
      clearInterval(prober);
      await portal.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
