// ops/haproxy/haproxy.cfg with the real HAProxy from Debian, in front of two
// stand-in instances on loopback: the config is valid without warnings, requests
// spread over both instances even with the same session cookie (no sticky
// routing), the client address travels in X-Forwarded-For, and an instance whose
// /health fails leaves the pool.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../helpers/wait";
import { freePort } from "./prometheus-local";

const CONFIG = "ops/haproxy/haproxy.cfg";
const haveHaproxy = spawnSync("haproxy", ["-v"]).status === 0;

type Instance = { name: string; port: number; healthy: boolean; server: Server; forwardedFor: string[] };

async function instance(name: string): Promise<Instance> {
  const port = await freePort();
  const self: Instance = { name, port, healthy: true, server: createServer(), forwardedFor: [] };
  self.server.on("request", (req, res) => {
    if (req.url === "/health") {
      res.writeHead(self.healthy ? 200 : 503).end();
      return;
    }
    self.forwardedFor.push(String(req.headers["x-forwarded-for"] ?? ""));
    res.writeHead(200, { "x-miniportal-instance": name }).end(name);
  });
  await new Promise<void>((resolve) => self.server.listen(port, "127.0.0.1", resolve));
  return self;
}

describe.skipIf(!haveHaproxy)("HAProxy in front of two instances", () => {
  let app1: Instance;
  let app2: Instance;
  let lbPort: number;
  let haproxy: ChildProcess;
  const env = () => ({ ...process.env, MINIPORTAL_LB_BIND: `127.0.0.1:${lbPort}`, MINIPORTAL_APP1: `127.0.0.1:${app1.port}`, MINIPORTAL_APP2: `127.0.0.1:${app2.port}` });

  beforeAll(async () => {
    [app1, app2, lbPort] = await Promise.all([instance("app-1"), instance("app-2"), freePort()]);
    haproxy = spawn("haproxy", ["-db", "-f", CONFIG], { env: env(), stdio: "ignore" });
    await waitUntil(
      `HAProxy answering on 127.0.0.1:${lbPort}`,
      () => fetch(`http://127.0.0.1:${lbPort}/`).then((r) => r.ok, () => false),
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  });
  afterAll(async () => {
    haproxy?.kill("SIGTERM");
    await Promise.all([app1, app2].map((a) => new Promise((r) => a.server.close(r))));
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

  it("takes an instance whose /health fails out of the pool", async () => {
    app2.healthy = false;
    // Out after 2 failed checks at 2 s: poll until 6 requests in a row all reach app-1.
    const round = async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 6; i++) seen.add((await fetch(`http://127.0.0.1:${lbPort}/me`)).headers.get("x-miniportal-instance") ?? "");
      return seen;
    };
    await waitUntil("app-2 out of the pool (6 requests in a row on app-1)", async () => (await round()).size === 1, {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    expect(await round()).toEqual(new Set(["app-1"]));
  });
});
