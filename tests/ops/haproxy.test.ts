// ops/haproxy/haproxy.cfg with the real HAProxy from Debian, in front of two
// stand-in instances on loopback: the config is valid without warnings, requests
// spread over both instances even with the same session cookie (no sticky
// routing), the client address travels in X-Forwarded-For, a GET survives an
// instance that dies with it or refuses it while a POST that reached an instance
// is never sent again (issue 22), a slow /health keeps its instance, and an
// instance whose /health fails leaves the pool.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../helpers/wait";
import { freePort } from "./prometheus-local";

const CONFIG = "ops/haproxy/haproxy.cfg";
const haveHaproxy = spawnSync("haproxy", ["-v"]).status === 0;

type Instance = {
  name: string;
  port: number;
  healthy: boolean;
  /** How long /health takes to answer. */
  healthDelayMs: number;
  /** Drop the connection on every request but /health, as a process killed mid-request. */
  crash: boolean;
  server: Server;
  forwardedFor: string[];
  /** "METHOD x-test-id" of every request but /health that reached this instance. */
  received: string[];
};

async function instance(name: string): Promise<Instance> {
  const port = await freePort();
  const self: Instance = {
    name,
    port,
    healthy: true,
    healthDelayMs: 0,
    crash: false,
    server: createServer(),
    forwardedFor: [],
    received: [],
  };
  self.server.on("request", (req, res) => {
    if (req.url === "/health") {
      setTimeout(() => res.writeHead(self.healthy ? 200 : 503).end(), self.healthDelayMs);
      return;
    }
    self.received.push(`${req.method} ${String(req.headers["x-test-id"] ?? "")}`);
    if (self.crash) {
      req.socket.destroy();
      return;
    }
    self.forwardedFor.push(String(req.headers["x-forwarded-for"] ?? ""));
    req.resume().on("end", () => res.writeHead(200, { "x-miniportal-instance": name }).end(name));
  });
  await listen(self);
  return self;
}
const listen = (i: Instance) => new Promise<void>((resolve) => i.server.listen(i.port, "127.0.0.1", resolve));

/** One request on a connection of its own (HAProxy answers a failed first request instead of closing). */
function send(port: number, method: string, id: string): Promise<{ status: number; instance: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, method, path: "/journal", agent: false, headers: { "x-test-id": id } });
    req.on("response", (res) => {
      res.resume().on("end", () =>
        resolve({ status: res.statusCode ?? 0, instance: String(res.headers["x-miniportal-instance"] ?? "") }),
      );
    });
    req.on("error", () => resolve({ status: 0, instance: "" }));
    req.end(method === "POST" ? `note ${id}` : undefined);
  });
}

/** HAProxy's `show stat` for one server, through the admin socket the test adds. */
function serverStat(socket: string, server: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let csv = "";
    const conn = connect(socket, () => conn.end("show stat\n"));
    conn.on("data", (d) => (csv += String(d)));
    conn.on("error", reject);
    conn.on("end", () => {
      const [header = "", ...rows] = csv.trim().split("\n");
      const names = header.replace(/^# /, "").split(",");
      const row = rows.map((r) => r.split(",")).find((r) => r[0] === "instances" && r[1] === server) ?? [];
      resolve(Object.fromEntries(names.map((n, i) => [n, row[i] ?? ""])));
    });
  });
}

describe.skipIf(!haveHaproxy)("HAProxy in front of two instances", () => {
  let app1: Instance;
  let app2: Instance;
  let lbPort: number;
  let haproxy: ChildProcess;
  const dir = mkdtempSync(path.join(tmpdir(), "haproxy-test-"));
  const statsSocket = path.join(dir, "stats.sock");
  const env = () => ({
    ...process.env,
    MINIPORTAL_LB_BIND: `127.0.0.1:${lbPort}`,
    MINIPORTAL_APP1: `127.0.0.1:${app1.port}`,
    MINIPORTAL_APP2: `127.0.0.1:${app2.port}`,
  });
  const get = async (id = "") => {
    const res = await fetch(`http://127.0.0.1:${lbPort}/me`, { headers: { "x-test-id": id } });
    return { status: res.status, instance: res.headers.get("x-miniportal-instance") ?? "" };
  };

  beforeAll(async () => {
    [app1, app2, lbPort] = await Promise.all([instance("app-1"), instance("app-2"), freePort()]);
    // The shipped file as is; a second file only adds the stats socket the checks are read from.
    writeFileSync(path.join(dir, "stats.cfg"), `global\n    stats socket ${statsSocket} mode 600 level user\n`);
    haproxy = spawn("haproxy", ["-db", "-f", CONFIG, "-f", path.join(dir, "stats.cfg")], {
      env: env(),
      stdio: "ignore",
    });
    await waitUntil(
      `HAProxy answering on 127.0.0.1:${lbPort}`,
      () => fetch(`http://127.0.0.1:${lbPort}/`).then((r) => r.ok, () => false),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  });
  afterAll(async () => {
    haproxy?.kill("SIGTERM");
    await Promise.all([app1, app2].map((a) => new Promise((r) => a.server.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it("is a valid config without warnings", () => {
    const check = spawnSync("haproxy", ["-c", "-f", CONFIG], { env: env(), encoding: "utf8" });
    expect(check.status).toBe(0);
    expect(`${check.stdout}${check.stderr}`).not.toMatch(/WARNING|ALERT/);
  });

  it("spreads requests with one session cookie over both instances and forwards the client address", async () => {
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`http://127.0.0.1:${lbPort}/me`, { headers: { cookie: "miniportal.session=same-for-all" } });
      seen.push(res.headers.get("x-miniportal-instance") ?? "");
    }
    expect(new Set(seen)).toEqual(new Set(["app-1", "app-2"]));
    expect([...app1.forwardedFor, ...app2.forwardedFor].every((xff) => xff === "127.0.0.1")).toBe(true);
  });

  it("retries a GET whose instance died with it on the other one, and never sends a POST that reached one again", async () => {
    app1.crash = true;
    try {
      for (let i = 0; i < 6; i++) expect(await get(`get-${i}`), `GET ${i}`).toEqual({ status: 200, instance: "app-2" });
      expect(app1.received.filter((r) => r.startsWith("GET get-")).length, "GETs that met the crash").toBeGreaterThan(0);

      // Round robin sends some POSTs to app-1: those fail (502) and reach nobody else.
      const outcomes: string[] = [];
      for (let i = 0; i < 8; i++) {
        const id = `post-${i}`;
        const res = await send(lbPort, "POST", id);
        const reached = [...app1.received, ...app2.received].filter((r) => r === `POST ${id}`);
        expect(reached, `POST ${i} reached an instance exactly once`).toHaveLength(1);
        const crashed = app1.received.includes(`POST ${id}`);
        expect(res, `POST ${i}`).toEqual(crashed ? { status: 502, instance: "" } : { status: 200, instance: "app-2" });
        outcomes.push(crashed ? "failed" : "saved");
      }
      expect(new Set(outcomes)).toEqual(new Set(["failed", "saved"]));
    } finally {
      app1.crash = false;
    }
  });

  it("sends a request an instance refused to the other one, POSTs included (they never reached it)", async () => {
    // app-1 stops listening; HAProxy has not seen it in a health check yet.
    await new Promise((r) => app1.server.close(r).closeAllConnections());
    try {
      for (const [i, method] of ["GET", "POST", "GET", "POST", "GET", "POST"].entries()) {
        const res = await send(lbPort, method, `refused-${i}`);
        expect(res, `${method} ${i}`).toEqual({ status: 200, instance: "app-2" });
        expect(app2.received.filter((r) => r === `${method} refused-${i}`)).toHaveLength(1);
      }
    } finally {
      await listen(app1);
    }
  });

  it("keeps an instance whose /health answers slower than the 2 s that took the last one out in issue 22", async () => {
    const before = Number((await serverStat(statsSocket, "app2")).chkfail);
    app2.healthDelayMs = 3_000;
    try {
      // The next check of app-2 takes 3 s: wait until HAProxy has its result.
      let stat: Record<string, string> = {};
      await waitUntil(
        "a check of app-2 that took 3 s",
        async () => {
          stat = await serverStat(statsSocket, "app2");
          return Number(stat.check_duration) >= 3_000 || Number(stat.chkfail) > before;
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      );
      expect({ check: stat.check_status, failed: Number(stat.chkfail) - before, status: stat.status }).toEqual({
        check: "L7OK",
        failed: 0,
        status: "UP",
      });
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) seen.add((await get()).instance);
      expect(seen).toEqual(new Set(["app-1", "app-2"]));
    } finally {
      app2.healthDelayMs = 0;
    }
  });

  it("takes an instance whose /health fails out of the pool", async () => {
    app2.healthy = false;
    // Out after 3 failed checks (2 s, then 1 s apart): poll until 6 requests in a row all reach app-1.
    const round = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) seen.add((await get()).instance);
      return seen;
    };
    await waitUntil("app-2 out of the pool (6 requests in a row on app-1)", async () => (await round()).size === 1, {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    expect(await round()).toEqual(new Set(["app-1"]));
  });
});
