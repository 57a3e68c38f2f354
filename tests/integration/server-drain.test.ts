// lib/server/drain.ts on a real socket: a stop finishes the requests in flight,
// closes kept-alive sockets even while their clients keep sending, refuses new
// connections, and cuts what is left at the deadline.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createDrainableServer } from "@/lib/server/drain";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listen(handlerMs: number) {
  const drainable = createDrainableServer((_req, res) => {
    setTimeout(() => res.end("ok"), handlerMs);
  });
  return new Promise<{ drainable: typeof drainable; port: number }>((resolve) =>
    drainable.server.listen(0, "127.0.0.1", () =>
      resolve({ drainable, port: (drainable.server.address() as AddressInfo).port }),
    ),
  );
}

function get(port: number, agent: http.Agent): Promise<{ status: number; connection: string | undefined } | "error"> {
  return new Promise((resolve) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      })
      .on("error", () => resolve("error"));
  });
}

describe("draining an HTTP server", () => {
  it("finishes in-flight requests and stops promptly while clients keep sending on kept-alive sockets", async () => {
    const { drainable, port } = await listen(200);
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
    await sleep(700);
    const inFlight = get(port, new http.Agent({ keepAlive: true })); // running when the stop begins: must still be answered
    await sleep(60);
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
    const { drainable, port } = await listen(10_000);
    const agent = new http.Agent({ keepAlive: true });
    const slow = get(port, agent);
    await sleep(100);
    const result = await drainable.drain(300);
    expect(result).toMatchObject({ outcome: "forced", cut: 1 });
    expect(await slow).toBe("error");
    agent.destroy();
  });
});
