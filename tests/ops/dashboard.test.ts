// The Grafana dashboard (ops/grafana/dashboards/portal.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DASHBOARD_JSON, KNOWN_SERIES, checkPromQL, referencedAppMetrics } from "./helpers";

interface Target {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Threshold {
  color: string;
  value: number | null;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets?: Target[];
  fieldConfig?: {
    defaults: {
      thresholds?: { mode: string; steps: Threshold[] };
      custom?: { thresholdsStyle?: { mode: string } };
    };
  };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD_JSON, "utf8")) as Dashboard;
const queryPanels = dashboard.panels.filter((p) => p.type !== "row");
const targets = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })));

// Grafana's interval variables, given a concrete value so promtool can parse.
function withoutGrafanaVariables(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)|\$\{__(rate_interval|interval|range)\}/g, "5m");
}

/** Threshold values drawn as lines on a time series panel. */
function thresholdLines(panel: Panel): number[] {
  const d = panel.fieldConfig?.defaults;
  const mode = d?.custom?.thresholdsStyle?.mode ?? "off";
  if (panel.type !== "timeseries" || !mode.startsWith("line")) return [];
  return (d?.thresholds?.steps ?? []).map((s) => s.value).filter((v): v is number => v !== null);
}

function panelQuerying(pattern: RegExp): Panel {
  const found = queryPanels.filter((p) => (p.targets ?? []).some((t) => pattern.test(t.expr)));
  expect(found.length, `one panel queries ${pattern}`).toBe(1);
  return found[0] as Panel;
}

describe("portal.json", () => {
  it("identifies itself as the Miniportal dashboard", () => {
    expect(dashboard.uid).toBe("miniportal");
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(queryPanels.length).toBeGreaterThan(0);
  });

  it("has the design note's three panels", () => {
    const byTitle = new Map(queryPanels.map((p) => [p.title, p]));

    const latency = byTitle.get("Request latency");
    expect(latency?.type).toBe("timeseries");
    const quantiles = (latency?.targets ?? []).map((t) => /histogram_quantile\((0\.\d+)/.exec(t.expr)?.[1]);
    expect(quantiles).toEqual(["0.5", "0.95", "0.99"]);
    for (const t of latency?.targets ?? []) {
      expect(t.expr).toMatch(/sum by \(le\) \(rate\(portal_request_duration_seconds_bucket\{[^}]*\}\[1m\]\)\)/);
    }

    const auth = byTitle.get("Auth health");
    expect(auth?.type).toBe("stat");
    const authExprs = (auth?.targets ?? []).map((t) => t.expr).join("\n");
    expect(authExprs).toMatch(/portal_login_attempts_total\{[^}]*ok="true"/);
    expect(authExprs).toMatch(/increase\(portal_invite_redemptions_total\{[^}]*ok="true"[^}]*\}\[24h\]\)/);

    const vault = byTitle.get("Vault decrypt p95");
    expect(vault?.type).toBe("timeseries");
    expect(vault?.targets?.[0]?.expr).toMatch(
      /histogram_quantile\(0\.95, sum by \(le\) \(rate\(portal_vault_decrypt_seconds_bucket/,
    );
  });

  it("draws the SLO thresholds as lines on the SLI panels", () => {
    const login = panelQuerying(/histogram_quantile\(0\.95,.*route="\/login", method="POST"/);
    expect(thresholdLines(login)).toContain(0.5);
    const me = panelQuerying(/histogram_quantile\(0\.99,.*route="\/me", method="GET"/);
    expect(thresholdLines(me)).toContain(0.2);
    const invites = panelQuerying(/increase\(portal_invite_redemptions_total\{[^}]*\}\[30d\]\)/);
    expect(thresholdLines(invites)).toContain(0.999);
    const errors = panelQuerying(/portal_server_errors_total/);
    expect(thresholdLines(errors)).toContain(0.01);
  });

  it("queries the provisioned Prometheus datasource everywhere", () => {
    for (const p of queryPanels) {
      expect(p.datasource, p.title).toEqual({ type: "prometheus", uid: "prometheus" });
      for (const t of p.targets ?? []) expect(t.datasource, `${p.title} ${t.refId}`).toEqual(p.datasource);
    }
  });

  it("has only valid PromQL (promtool)", () => {
    expect(targets.length).toBeGreaterThan(0);
    const res = checkPromQL(targets.map((t) => withoutGrafanaVariables(t.expr)));
    expect(res.ok, res.output).toBe(true);
  });

  it("only queries metric families the app exposes", () => {
    for (const t of targets) {
      expect(referencedAppMetrics(t.expr).length, `${t.panel}: ${t.expr}`).toBeGreaterThan(0);
      for (const name of referencedAppMetrics(t.expr)) {
        expect(KNOWN_SERIES.has(name), `${t.panel}: unknown metric ${name}`).toBe(true);
      }
    }
  });

  it("has unique panel ids and no overlapping panels", () => {
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Map<string, string>();
    for (const p of dashboard.panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          const key = `${i},${j}`;
          expect(cells.get(key), `${p.title} overlaps ${cells.get(key)}`).toBeUndefined();
          cells.set(key, p.title);
        }
      }
    }
  });
});
