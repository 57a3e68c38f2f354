// promtool validation of the Prometheus configuration and rule file (ops/prometheus).
import { describe, expect, it } from "vitest";
import {
  ALERTS_YML,
  PROMETHEUS_LOCAL_YML,
  PROMETHEUS_YML,
  allRules,
  checkPromQL,
  KNOWN_SERIES,
  promtool,
  readYaml,
  referencedAppMetrics,
  renderComposePrometheusForCheck,
  tempDir,
  type PromConfig,
} from "./helpers";
import { renderLocalPrometheusConfig } from "./prometheus-local";
import { writeFileSync } from "node:fs";
import path from "node:path";

describe("prometheus.yml (compose)", () => {
  it("passes promtool check config, rule files included", () => {
    // The real file names the container's token path; promtool insists that it
    // exists, so check an otherwise identical copy with a local token file.
    const { dir, cleanup } = tempDir();
    try {
      const res = promtool(["check", "config", renderComposePrometheusForCheck(dir)]);
      expect(res.ok, res.output).toBe(true);
      expect(res.output).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      cleanup();
    }
  });

  it("is valid syntax as shipped", () => {
    const res = promtool(["check", "config", "--syntax-only", PROMETHEUS_YML]);
    expect(res.ok, res.output).toBe(true);
  });

  it("scrapes the app with a bearer token read from a file and loads alerts.yml", () => {
    const config = readYaml<PromConfig>(PROMETHEUS_YML);
    expect(config.rule_files).toEqual(["alerts.yml"]);
    const app = config.scrape_configs.find((s) => s.job_name === "miniportal");
    expect(app?.metrics_path).toBe("/metrics");
    expect(app?.authorization?.credentials_file).toMatch(/^\/run\/secrets\//);
    expect(app?.static_configs?.[0]?.targets).toEqual(["app:3000"]);
    const health = config.scrape_configs.find((s) => s.job_name === "miniportal-health");
    expect(health?.metrics_path).toBe("/probe");
    expect(health?.static_configs?.[0]?.targets).toEqual(["http://app:3000/health"]);
  });
});

describe("prometheus.local.yml (template for loopback tests)", () => {
  it("renders into a config promtool accepts, with the same job as compose", () => {
    const { dir, cleanup } = tempDir();
    try {
      const tokenFile = path.join(dir, "token");
      writeFileSync(tokenFile, "t");
      const rendered = renderLocalPrometheusConfig({ target: "127.0.0.1:45678", tokenFile });
      expect(rendered).not.toMatch(/__MINIPORTAL_[A-Z_]+__/);
      const file = path.join(dir, "prometheus.yml");
      writeFileSync(file, rendered);
      const res = promtool(["check", "config", file]);
      expect(res.ok, res.output).toBe(true);

      const local = readYaml<PromConfig>(file);
      const job = local.scrape_configs.find((s) => s.job_name === "miniportal");
      expect(job?.static_configs?.[0]?.targets).toEqual(["127.0.0.1:45678"]);
      expect(job?.authorization?.credentials_file).toBe(tokenFile);
      expect(local.rule_files).toEqual([ALERTS_YML]);
    } finally {
      cleanup();
    }
  });

  it("keeps its placeholders where the renderer expects them", () => {
    const template = readYaml<PromConfig>(PROMETHEUS_LOCAL_YML);
    expect(template.rule_files).toEqual(["__MINIPORTAL_RULES_FILE__"]);
    const job = template.scrape_configs.find((s) => s.job_name === "miniportal");
    expect(job?.static_configs?.[0]?.targets).toEqual(["__MINIPORTAL_TARGET__"]);
    expect(job?.authorization?.credentials_file).toBe("__MINIPORTAL_TOKEN_FILE__");
  });
});

describe("alerts.yml", () => {
  it("passes promtool check rules", () => {
    const res = promtool(["check", "rules", ALERTS_YML]);
    expect(res.ok, res.output).toBe(true);
  });

  it("only queries metric families the app exposes", () => {
    for (const rule of allRules()) {
      for (const name of referencedAppMetrics(rule.expr)) {
        expect(KNOWN_SERIES.has(name), `${rule.alert ?? rule.record}: unknown metric ${name}`).toBe(true);
      }
    }
  });

  it("checkPromQL rejects broken PromQL (the helper the dashboard test relies on)", () => {
    expect(checkPromQL(["sum(rate(portal_requests_in_flight[5m])"]).ok).toBe(false);
    expect(checkPromQL(["sum(rate(portal_server_errors_total[5m]))"]).ok).toBe(true);
  });
});
