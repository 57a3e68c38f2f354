// Alert routing (ops/alertmanager/alertmanager.yml) checked with Debian's amtool
// and its wiring into Prometheus and compose; the fast rules derived for the live
// test (scripts/derive-fast-rules.ts); and the blackbox /health probe run for real
// with Debian's prometheus-blackbox-exporter. The live end-to-end run (real portal,
// Prometheus, Alertmanager, webhook) is e2e/61-alertmanager.spec.ts.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { deriveFastRules, durationSeconds } from "../../scripts/derive-fast-rules";
import {
  ALERTS_YML, COMPOSE_YML, OPS, PROMETHEUS_YML, REPO, allRules, markdownAnchors, promtool, readYaml, run, tempDir,
  type PromConfig, type RuleFile,
} from "./helpers";
import { freePort } from "./prometheus-local";

export const ALERTMANAGER_YML = path.join(OPS, "alertmanager/alertmanager.yml");

type AmConfig = {
  route: { receiver: string; group_by?: string[]; routes?: { matchers: string[]; receiver: string }[] };
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal?: string[] }[];
  receivers: { name: string; webhook_configs?: { url: string; send_resolved?: boolean }[] }[];
};

const am = readYaml<AmConfig>(ALERTMANAGER_YML);
const alerts = allRules().filter((r) => r.alert);

function amtool(args: string[]) {
  return run("amtool", args);
}

describe("alertmanager.yml", () => {
  it("passes amtool check-config", () => {
    const res = amtool(["check-config", ALERTMANAGER_YML]);
    expect(res.ok, `${res.output}\n(install with apt-get install -y prometheus-alertmanager)`).toBe(true);
    expect(res.output).toContain("SUCCESS");
  });

  it("routes every alert of alerts.yml to the receiver named by its severity", () => {
    expect(new Set(alerts.map((a) => a.labels?.severity))).toEqual(new Set(["page", "ticket"]));
    for (const a of alerts) {
      const labels = Object.entries({ alertname: a.alert, ...a.labels }).map(([k, v]) => `${k}=${v}`);
      const res = amtool(["config", "routes", "test", `--config.file=${ALERTMANAGER_YML}`, `--verify.receivers=${a.labels?.severity}`, ...labels]);
      expect(res.ok, `${a.alert} (${a.labels?.severity}): ${res.output}`).toBe(true);
    }
    // Unlabelled alerts are not dropped: they become tickets.
    expect(amtool(["config", "routes", "test", `--config.file=${ALERTMANAGER_YML}`, "alertname=Unknown"]).output.trim().split("\n").at(-1)).toBe("ticket");
  });

  it("inhibits only alerts that exist, and never a cause by its own symptom", () => {
    const names = new Set(alerts.map((a) => a.alert));
    for (const rule of am.inhibit_rules) {
      for (const m of [...rule.source_matchers, ...rule.target_matchers]) {
        const alt = /^alertname=~?"(.+)"$/.exec(m)?.[1];
        for (const name of alt?.split("|") ?? []) expect(names.has(name), `${m}: ${name}`).toBe(true);
      }
    }
    const downInhibits = am.inhibit_rules.filter((r) => r.source_matchers.some((m) => m.includes("MiniportalDown")));
    const targets = downInhibits.flatMap((r) => r.target_matchers).join(" ");
    for (const symptom of ["LoginLatencyP95High", "ServerErrorRatioHigh", "InviteRedemptionSuccessLow"]) expect(targets).toContain(symptom);
    expect(targets).not.toMatch(/MiniportalDown[|"]/);
  });

  it("gives every alert a runbook link into docs/ that resolves", () => {
    for (const a of alerts) {
      const url = a.annotations?.runbook_url ?? "";
      const [file, anchor] = url.split("#") as [string, string | undefined];
      expect(file, `${a.alert}`).toMatch(/^docs\/.+\.md$/);
      expect(markdownAnchors(path.join(REPO, file)).has(anchor ?? ""), url).toBe(true);
    }
  });

  it("ships placeholder receivers that cannot deliver anywhere by accident", () => {
    const urls = am.receivers.flatMap((r) => r.webhook_configs ?? []).map((w) => new URL(w.url).hostname);
    expect(urls.every((h) => h.endsWith(".example.org"))).toBe(true);
    expect(am.receivers.map((r) => r.name).sort()).toEqual(["page", "ticket"]);
  });
});

describe("Prometheus and compose send alerts to it", () => {
  const compose = readYaml<{ services: Record<string, { image?: string; command?: string[]; volumes?: string[]; depends_on?: string[] }> }>(COMPOSE_YML);
  const service = compose.services.alertmanager;

  it("runs a pinned Alertmanager with this config where --config.file looks", () => {
    expect(service?.image).toMatch(/^prom\/alertmanager:v\d+\.\d+\.\d+$/);
    const configFlag = service?.command?.find((c) => c.startsWith("--config.file="))?.split("=")[1];
    const mount = service?.volumes?.find((v) => v.split(":")[1] === configFlag);
    expect(mount && path.resolve(OPS, mount.split(":")[0]!)).toBe(ALERTMANAGER_YML);
    expect(compose.services.prometheus?.depends_on).toContain("alertmanager");
  });

  it("prometheus.yml targets that service on its listen port", () => {
    const config = readYaml<PromConfig & { alerting?: { alertmanagers: { static_configs: { targets: string[] }[] }[] } }>(PROMETHEUS_YML);
    const port = service?.command?.find((c) => c.startsWith("--web.listen-address="))?.split(":").at(-1);
    expect(config.alerting?.alertmanagers.flatMap((a) => a.static_configs.flatMap((s) => s.targets))).toEqual([`alertmanager:${port}`]);
  });
});

describe("scripts/derive-fast-rules.ts", () => {
  const original = readYaml<RuleFile>(ALERTS_YML);
  const fast = YAML.parse(deriveFastRules(readFileSync(ALERTS_YML, "utf8"), 60)) as RuleFile;

  it("keeps every group, expression, label and annotation, and divides only for:", () => {
    expect(fast.groups.map((g) => g.name)).toEqual(original.groups.map((g) => g.name));
    original.groups.forEach((group, g) =>
      group.rules.forEach((rule, r) => {
        const derived = fast.groups[g]!.rules[r]!;
        expect({ ...derived, for: undefined }).toEqual({ ...rule, for: undefined });
        if (rule.for) expect(durationSeconds(derived.for!)).toBe(Math.max(1, Math.round(durationSeconds(rule.for) / 60)));
      }),
    );
    expect(fast.groups.flatMap((g) => g.rules).some((r) => r.for === "30s")).toBe(true);
  });

  it("produces a file promtool accepts", () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, "fast.yml");
      writeFileSync(file, deriveFastRules(readFileSync(ALERTS_YML, "utf8"), 60));
      const res = promtool(["check", "rules", file]);
      expect(res.ok, res.output).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe("blackbox /health probe (Debian prometheus-blackbox-exporter, ops/blackbox/blackbox.yml)", () => {
  it("reports probe_success 1 while /health answers 200 and 0 once it answers 503", async () => {
    let ready = true;
    const app = http.createServer((req, res) => {
      res.writeHead(req.url === "/health" && ready ? 200 : 503, { "content-type": "application/json" }).end('{"status":"x"}');
    });
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
    const target = `http://127.0.0.1:${(app.address() as AddressInfo).port}/health`;
    const port = await freePort();
    const exporter = spawn("prometheus-blackbox-exporter", [`--config.file=${path.join(OPS, "blackbox/blackbox.yml")}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: "ignore" });
    const probe = async (): Promise<string> => {
      const res = await fetch(`http://127.0.0.1:${port}/probe?module=http_2xx&target=${encodeURIComponent(target)}`);
      return /^probe_success (\d)$/m.exec(await res.text())?.[1] ?? "missing";
    };
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await fetch(`http://127.0.0.1:${port}/-/healthy`);
          break;
        } catch {
          if (Date.now() > deadline) throw new Error("prometheus-blackbox-exporter did not start (apt-get install -y prometheus-blackbox-exporter)");
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(await probe()).toBe("1");
      ready = false;
      expect(await probe()).toBe("0");
    } finally {
      exporter.kill("SIGTERM");
      await new Promise<void>((r) => app.close(() => r()));
    }
  }, 30_000);
});
