// lib/server/drain.ts on a real socket: a stop finishes the requests in flight,
// closes kept-alive sockets even while their clients keep sending, refuses new
// connections, and cuts what is left at the deadline.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createDrainableServer } from "@/lib/server/drain";
import { waitUntil } from "../helpers/wait";

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
