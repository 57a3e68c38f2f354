// A real Alertmanager (Debian package prometheus-alertmanager) on loopback, run
// with ops/alertmanager/alertmanager.yml whose receiver URLs are pointed at a
// local webhook receiver (same paths), and that receiver. Routing, grouping and
// inhibition are the shipped ones; so is the timing, except the page route's
// group_wait (30 s shipped), shortened so a test sees a page seconds after the
// alert fires instead of sleeping through the window. The ticket route keeps its
// 5 m wait: no ticket is sent within a test. Used by e2e/61-alertmanager.spec.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import YAML from "yaml";
import { OPS, tempDir } from "./helpers";
import { freePort } from "./prometheus-local";

export const ALERTMANAGER_YML = path.join(OPS, "alertmanager/alertmanager.yml");

/** One webhook notification as Alertmanager posts it (version 4 payload). */
export type Notification = {
  path: string;
  body: {
    receiver: string;
    status: "firing" | "resolved";
    groupLabels: Record<string, string>;
    alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
  };
};

export async function startWebhookReceiver(): Promise<{ url: string; received: Notification[]; close: () => Promise<void> }> {
  const received: Notification[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => {
      try {
        received.push({ path: req.url ?? "", body: JSON.parse(body) as Notification["body"] });
      } catch {
        received.push({ path: req.url ?? "", body: { receiver: "unparseable", status: "firing", groupLabels: {}, alerts: [] } });
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** The page route's group_wait in a test (shipped: 30s). */
export const TEST_PAGE_GROUP_WAIT = "2s";

/**
 * alertmanager.yml with every webhook URL's origin replaced by `webhookBase` and the
 * page route's group_wait set to `pageGroupWait`; nothing else changes.
 */
export function renderAlertmanagerConfig(webhookBase: string, pageGroupWait = TEST_PAGE_GROUP_WAIT): string {
  const config = YAML.parse(readFileSync(ALERTMANAGER_YML, "utf8")) as {
    route: { routes?: { matchers: string[]; group_wait?: string }[] };
    receivers: { webhook_configs?: { url: string }[] }[];
  };
  for (const receiver of config.receivers) {
    for (const hook of receiver.webhook_configs ?? []) hook.url = `${webhookBase}${new URL(hook.url).pathname}`;
  }
  const page = config.route.routes?.find((r) => r.matchers.includes('severity="page"'));
  if (!page) throw new Error(`${ALERTMANAGER_YML}: no route for severity="page"`);
  page.group_wait = pageGroupWait;
  return YAML.stringify(config);
}

export type LocalAlertmanager = {
  url: string;
  /** host:port for Prometheus' alerting config. */
  address: string;
  alerts(): Promise<{ labels: Record<string, string>; status: { state: string; inhibitedBy: string[] } }[]>;
  logs(): string;
  stop(): Promise<void>;
};

export async function startLocalAlertmanager(webhookBase: string): Promise<LocalAlertmanager> {
  const { dir, cleanup } = tempDir("miniportal-alertmanager-");
  const configFile = path.join(dir, "alertmanager.yml");
  writeFileSync(configFile, renderAlertmanagerConfig(webhookBase));
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    process.env.ALERTMANAGER || "prometheus-alertmanager",
    [`--config.file=${configFile}`, `--storage.path=${path.join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address=", "--log.level=warn"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  child.on("error", (e) => (output += `spawn failed: ${e.message} (apt-get install -y prometheus-alertmanager)\n`));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    cleanup();
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      cleanup();
      throw new Error(`alertmanager exited with ${child.exitCode}:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    address: `127.0.0.1:${port}`,
    alerts: async () => (await (await fetch(`${url}/api/v2/alerts`)).json()) as Awaited<ReturnType<LocalAlertmanager["alerts"]>>,
    logs: () => output,
    stop,
  };
}
