// A real Prometheus on loopback, configured from ops/prometheus/prometheus.local.yml.
// Used by tests/ops/prometheus-local.test.ts (against a stand-in /metrics) and
// available to integration tests that start the real app:
//
//   const prom = await startLocalPrometheus({ target: `127.0.0.1:${appPort}`, token });
//   await prom.waitFor('up{job="miniportal"} == 1');
//   ...
//   await prom.stop();
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import YAML from "yaml";
import { ALERTS_YML, PROMETHEUS_LOCAL_YML, requireBinary, tempDir } from "./helpers";

export const PLACEHOLDERS = {
  target: "__MINIPORTAL_TARGET__",
  tokenFile: "__MINIPORTAL_TOKEN_FILE__",
  rulesFile: "__MINIPORTAL_RULES_FILE__",
} as const;

export interface LocalConfigValues {
  /** host:port of the app, e.g. 127.0.0.1:41234 */
  target: string;
  /** absolute path of a file holding the bearer token */
  tokenFile: string;
  /** absolute path of the rules file; defaults to ops/prometheus/alerts.yml */
  rulesFile?: string;
}

/** The template with every occurrence of its three placeholders replaced (see its header). */
export function renderLocalPrometheusConfig(values: LocalConfigValues): string {
  const template = readFileSync(PROMETHEUS_LOCAL_YML, "utf8");
  const replacements: [string, string][] = [
    [PLACEHOLDERS.target, values.target],
    [PLACEHOLDERS.tokenFile, values.tokenFile],
    [PLACEHOLDERS.rulesFile, values.rulesFile ?? ALERTS_YML],
  ];
  let out = template;
  for (const [placeholder, value] of replacements) {
    if (!out.includes(placeholder)) {
      throw new Error(`${PROMETHEUS_LOCAL_YML}: placeholder ${placeholder} is missing`);
    }
    out = out.replaceAll(placeholder, value);
  }
  return out;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

interface QueryResponse {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

export interface LocalPrometheus {
  url: string;
  configFile: string;
  /** Instant query through the HTTP API. */
  query(expr: string): Promise<QueryResponse["data"]["result"]>;
  /** Polls until `expr` returns at least one sample. */
  waitFor(expr: string, timeoutMs?: number): Promise<QueryResponse["data"]["result"]>;
  /** Raw GET of an API path, e.g. /api/v1/rules. */
  get<T = unknown>(apiPath: string): Promise<T>;
  /** Everything Prometheus printed, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  target: string;
  /** Bearer token for /metrics; written to a temporary file. */
  token?: string;
  rulesFile?: string;
  /** host:port of an Alertmanager to send alerts to (none by default). */
  alertmanager?: string;
  startTimeoutMs?: number;
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

export async function startLocalPrometheus(opts: StartOptions): Promise<LocalPrometheus> {
  return startPrometheus((dir) => {
    const tokenFile = path.join(dir, "metrics_token");
    writeFileSync(tokenFile, opts.token ?? "unused");
    let config = renderLocalPrometheusConfig({ target: opts.target, tokenFile, rulesFile: opts.rulesFile });
    if (opts.alertmanager) {
      // The same alerting block as prometheus.yml, pointed at the given instance.
      const parsed = YAML.parse(config) as Record<string, unknown>;
      parsed.alerting = { alertmanagers: [{ static_configs: [{ targets: [opts.alertmanager] }] }] };
      config = YAML.stringify(parsed);
    }
    return config;
  }, opts.startTimeoutMs);
}

/**
 * A real Prometheus on a free loopback port with the config `render` returns; `render`
 * gets the server's temporary directory (removed on stop) for the files the config names.
 */
export async function startPrometheus(
  render: (dir: string) => string,
  startTimeoutMs = 20_000,
): Promise<LocalPrometheus> {
  const bin = requireBinary("prometheus");
  const { dir, cleanup } = tempDir("miniportal-prometheus-");
  const configFile = path.join(dir, "prometheus.yml");
  writeFileSync(configFile, render(dir));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  };

  async function get<T>(apiPath: string): Promise<T> {
    const res = await fetch(`${url}${apiPath}`);
    if (!res.ok) throw new Error(`GET ${apiPath}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
  async function query(expr: string): Promise<QueryResponse["data"]["result"]> {
    const body = await get<QueryResponse>(`/api/v1/query?query=${encodeURIComponent(expr)}`);
    return body.data.result;
  }
  async function waitFor(expr: string, timeoutMs = 20_000): Promise<QueryResponse["data"]["result"]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await query(expr);
      if (result.length > 0) return result;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expr}\n${output}`);
      await sleep(250);
    }
  }

  // Ready when /-/ready answers 200; fail fast if the process dies (bad config).
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      cleanup();
      throw new Error(`prometheus exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready:\n${output}`);
    }
    await sleep(100);
  }

  return { url, configFile, query, waitFor, get, logs: () => output, stop };
}
