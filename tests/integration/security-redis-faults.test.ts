// Redis faults (issue 10, item 7): a Redis this test starts on a private port
// and stops mid-run. While it is down, limits still hold (the local store counts)
// without waiting on Redis; one warning each way; the gauge and readiness show it.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/health/route";
import { createLogger } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { consumeLimit, rateLimitStoreKind, rateLimitStoreState, resetRateLimits } from "@/lib/security/rate-limit";
import { beginLogin } from "@/lib/security/throttles";
import { useTestDb } from "../helpers/test-db";

const PORT = 3479; // private: never the machine's Redis on 6379
let redis: ChildProcess | null = null;
const lines: Record<string, unknown>[] = [];

function startRedis(): Promise<void> {
  redis = spawn("redis-server", ["--port", String(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve) =>
    redis!.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("Ready to accept connections") && resolve()),
  );
}

function stopRedis(): Promise<void> {
  const child = redis!;
  redis = null;
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL"); // as a crash would: no goodbye to the clients
  });
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the store state");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const events = (name: string) => lines.filter((l) => l.event === name);
const gauge = async () =>
  (await metrics().rateLimitStoreUp.get()).values.find((v) => v.labels.store === "redis")?.value;

describe("with REDIS_URL set and Redis going down and coming back", () => {
  useTestDb({ REDIS_URL: `redis://127.0.0.1:${PORT}/0` });
  beforeAll(async () => {
    await startRedis();
    (globalThis as { miniportalLogger?: unknown }).miniportalLogger = createLogger(
      { level: "info", json: true },
      { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    await resetRateLimits();
    expect(rateLimitStoreKind()).toBe("redis");
    await until(() => rateLimitStoreState().redis === "up");
  });
  afterAll(async () => {
    await resetRateLimits();
    if (redis) await stopRedis();
    delete process.env.REDIS_URL;
    (globalThis as { miniportalLogger?: unknown }).miniportalLogger = undefined;
  });

  it("counts in Redis while it is up, and readiness says so", async () => {
    expect((await consumeLimit("writeSession", "fault-session")).ok).toBe(true);
    expect(await gauge()).toBe(1);
    expect(await (await health()).json()).toMatchObject({ ready: true, rateLimits: { kind: "redis", redis: "up" } });
  });

  it("while Redis is down the local store answers at once and the limits hold; one warning", async () => {
    await stopRedis();
    await until(() => rateLimitStoreState().redis === "down");
    const ip = `redis-down-${Date.now()}`;
    const started = performance.now();
    const gates = [];
    for (let i = 0; i < 11; i++) gates.push(await beginLogin(ip, `down${i}@example.org`));
    const elapsedMs = performance.now() - started;
    expect(gates.slice(0, 10).every((g) => g.ok)).toBe(true);
    expect(gates[10]).toMatchObject({ ok: false, scope: "ip" });
    // 11 sign-ins × 4 limiters: waiting out even one connect or command timeout each would take seconds.
    expect(elapsedMs).toBeLessThan(1000);
    expect(events("rate_limit.store_down")).toHaveLength(1);
    expect(events("rate_limit.store_down")[0]).toMatchObject({ level: "warn", store: "redis" });
    expect(await gauge()).toBe(0);
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, rateLimits: { kind: "redis", redis: "down" } });
  });

  it("when Redis comes back it counts there again; one warning that it is back", async () => {
    await startRedis();
    await until(() => rateLimitStoreState().redis === "up");
    expect((await consumeLimit("writeSession", "fault-session")).ok).toBe(true);
    expect(events("rate_limit.store_down")).toHaveLength(1);
    expect(events("rate_limit.store_up")).toHaveLength(1);
    expect(await gauge()).toBe(1);
  });

  it("a Redis that hangs (SIGSTOP) is dropped by the watchdog: the local store answers until it responds again", async () => {
    redis!.kill("SIGSTOP");
    try {
      await until(() => rateLimitStoreState().redis === "down");
      const started = performance.now();
      for (let i = 0; i < 20; i++) await consumeLimit("writeSession", `hung-${Date.now()}`);
      expect(performance.now() - started).toBeLessThan(1000); // 20 waits on the 300 ms command timeout would take 6 s
      expect(events("rate_limit.store_down")).toHaveLength(2);
    } finally {
      redis!.kill("SIGCONT");
    }
    await until(() => rateLimitStoreState().redis === "up");
    expect(events("rate_limit.store_up")).toHaveLength(2);
  });
});
