// The scale-out deployment of docs/scale-out.md on loopback, for e2e/75-scale-out:
// two `npm start` instances (one build) on one PostgreSQL database and Redis,
// Debian's HAProxy with ops/haproxy/haproxy.cfg in front, and a real Prometheus
// configured from ops/prometheus/prometheus.scale-out.yml (file-based discovery).
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type { Page } from "@playwright/test";
import { Redis } from "ioredis";
import YAML from "yaml";
import { type LocalPrometheus, startPrometheus } from "../../tests/ops/prometheus-local";
import { type Portal, descendants, startPortal, waitUntilReady } from "./portal-process";
import { PLANTED } from "./server-config";

export const HAPROXY = process.env.HAPROXY_PATH || "/usr/sbin/haproxy";
export const HAPROXY_CFG = path.resolve("ops/haproxy/haproxy.cfg");
export const PROMETHEUS_SCALE_OUT_YML = path.resolve("ops/prometheus/prometheus.scale-out.yml");
export const ALERTS_YML = path.resolve("ops/prometheus/alerts.yml");

export type Instance = { name: string; port: number; portal: Portal; logFile: string };

/** Environment every instance shares (docs/scale-out.md, "Several instances"). */
export function sharedEnv(databaseUrl: string, redisUrl: string, balancer: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    MINIPORTAL_BASE_URL: balancer,
    MINIPORTAL_TRUSTED_PROXIES: "1",
    MINIPORTAL_METRICS_TOKEN: PLANTED.metricsToken,
    // One server worker each: two instances already share the machine's two cores.
    MINIPORTAL_WORKERS: "1",
    // The balancer is under test, not the admin's second factor (e2e/93-two-factor.spec.ts).
    MINIPORTAL_ADMIN_2FA: "optional",
  };
}

export async function startInstance(
  dir: string,
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<Instance> {
  const dataDir = path.join(dir, name);
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dir, `${name}.log`);
  const portal = startPortal(dataDir, port, logFile, { ...env, MINIPORTAL_INSTANCE: name });
  try {
    await waitUntilReady(portal);
  } catch (error) {
    await stopProcess(portal.child, portal.exited); // not left running behind a failed setup
    throw error;
  }
  return { name, port, portal, logFile };
}

/** SIGTERM to `npm start` (it drains and stops its workers); whatever is left after 20 s is killed. */
export async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const tree = descendants(child.pid);
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(r, 20_000, true))]);
  if (timedOut) child.kill("SIGKILL");
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** kill -9 of a whole instance (npm, the primary and its workers at once), as a crashed machine or OOM kill. */
export async function killInstance(instance: Instance): Promise<void> {
  const tree = [instance.portal.pid, ...descendants(instance.portal.pid)];
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await instance.portal.exited;
}

export type Balancer = { url: string; child: ChildProcess; exited: Promise<unknown>; log: () => string };

/** ops/haproxy/haproxy.cfg as shipped; only its addresses come from the environment. */
export async function startBalancer(dir: string, port: number, instances: Instance[]): Promise<Balancer> {
  const logFile = path.join(dir, "haproxy.log");
  const log = openSync(logFile, "a");
  const child = spawn(HAPROXY, ["-db", "-f", HAPROXY_CFG], {
    env: {
      ...process.env,
      MINIPORTAL_LB_BIND: `127.0.0.1:${port}`,
      MINIPORTAL_APP1: `127.0.0.1:${instances[0]!.port}`,
      MINIPORTAL_APP2: `127.0.0.1:${instances[1]!.port}`,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  // Ready once both instances passed their health checks (rise 2 at 2 s).
  const seen = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (seen.size < instances.length && Date.now() < deadline) {
    const res = await fetch(`${url}/health`).catch(() => null);
    const name = res?.ok ? res.headers.get("x-miniportal-instance") : null;
    if (name) seen.add(name);
    else await new Promise((r) => setTimeout(r, 250));
  }
  if (seen.size < instances.length) {
    child.kill("SIGTERM");
    throw new Error(`HAProxy on ${url} reached only [${[...seen].join(", ")}]:\n${readFileSync(logFile, "utf8")}`);
  }
  return { url, child, exited, log: () => readFileSync(logFile, "utf8") };
}

/**
 * ops/prometheus/prometheus.scale-out.yml made runnable here: the instances' job
 * only (no blackbox exporter or Alertmanager on this machine), its token and
 * targets directory in the server's temp dir, the rules from ops/, 1 s intervals.
 */
export function renderScaleOutPrometheus(dir: string, targets: string[]): string {
  const config = YAML.parse(readFileSync(PROMETHEUS_SCALE_OUT_YML, "utf8")) as {
    global: Record<string, string>;
    rule_files: string[];
    alerting?: unknown;
    scrape_configs: {
      job_name: string;
      authorization?: { credentials_file: string };
      file_sd_configs?: { files: string[]; refresh_interval?: string }[];
    }[];
  };
  const tokenFile = path.join(dir, "metrics_token");
  writeFileSync(tokenFile, PLANTED.metricsToken);
  mkdirSync(path.join(dir, "targets"));
  writeFileSync(
    path.join(dir, "targets", "miniportal.json"),
    JSON.stringify([{ targets, labels: { service: "miniportal" } }]),
  );
  const job = config.scrape_configs.find((s) => s.job_name === "miniportal");
  if (!job?.file_sd_configs?.length || !job.authorization) throw new Error("no file_sd miniportal job in the config");
  job.authorization.credentials_file = tokenFile;
  for (const sd of job.file_sd_configs) {
    sd.files = [path.join(dir, "targets", "*.json")];
    sd.refresh_interval = "1s";
  }
  config.scrape_configs = [job];
  config.global = { scrape_interval: "1s", scrape_timeout: "1s", evaluation_interval: "1s" };
  config.rule_files = [ALERTS_YML];
  delete config.alerting;
  return YAML.stringify(config);
}

export function startScaleOutPrometheus(targets: string[]): Promise<LocalPrometheus> {
  return startPrometheus((dir) => renderScaleOutPrometheus(dir, targets));
}

/** Removes the rate-limit counters from this spec's own Redis database (a rerun starts clean). */
export async function clearRateLimits(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys = await redis.keys("miniportal:rl:*");
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/**
 * A server-action POST as React's client sends it (see 20-security-helpers), from
 * a chosen loopback source address: the balancer forwards that address, so the
 * instances key their limits on it and the spec's other traffic (127.0.0.1) stays unblocked.
 */
export async function postActionFrom(
  localAddress: string,
  base: string,
  target: { id: string; path: string },
  fields: Record<string, string>,
): Promise<{ status: number; instance: string; body: string; retryAfter: string | undefined }> {
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const encoded = new Request(base, { method: "POST", body: multipart });
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(target.path, base),
      {
        method: "POST",
        localAddress,
        headers: {
          "content-type": encoded.headers.get("content-type")!,
          "content-length": body.length,
          accept: "text/x-component",
          "next-action": target.id,
          origin: base,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            instance: String(res.headers["x-miniportal-instance"] ?? ""),
            body: text,
            retryAfter: res.headers["retry-after"] as string | undefined,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The JSON lines of an instance's log (the logger's; `npm start`'s own step lines are plain text). */
export function jsonLogLines(logFile: string): Record<string, unknown>[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The PromQL of every panel of ops/grafana/dashboards/portal.json. */
export function dashboardExprs(): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.expr === "string") out.push(o.expr);
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync("ops/grafana/dashboards/portal.json", "utf8")));
  return out;
}

/** Every X-Miniportal-Instance seen on the page's responses from the balancer. */
export function instancesSeen(page: Page, balancer: string): Set<string> {
  const seen = new Set<string>();
  page.on("response", (r) => {
    const name = r.headers()["x-miniportal-instance"];
    if (name && r.url().startsWith(balancer)) seen.add(name);
  });
  return seen;
}
