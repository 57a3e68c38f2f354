// The alert rules and their promtool unit tests (ops/prometheus/alerts*.yml).
import { describe, expect, it } from "vitest";
import {
  ALERTS_TEST_YML,
  KNOWN_SERIES,
  SLO_MD,
  allRules,
  markdownAnchors,
  promtool,
  readYaml,
} from "./helpers";

interface AlertRuleTest {
  eval_time: string;
  alertname: string;
  exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[] | null;
}
interface UnitTestFile {
  rule_files: string[];
  tests: {
    name: string;
    input_series: { series: string; values: string }[];
    alert_rule_test?: AlertRuleTest[];
  }[];
}

const alerts = allRules().filter((r) => r.alert);
const alertNames = [...new Set(alerts.map((r) => r.alert as string))];
const unitTests = readYaml<UnitTestFile>(ALERTS_TEST_YML);
const cases = unitTests.tests.flatMap((t) => t.alert_rule_test ?? []);

describe("promtool test rules", () => {
  it("passes", () => {
    const res = promtool(["test", "rules", ALERTS_TEST_YML]);
    expect(res.ok, res.output).toBe(true);
    expect(res.output).toContain("SUCCESS");
  }, 30_000);

  it("defines the alerts the SLOs need", () => {
    for (const name of [
      "LoginLatencyP95High",
      "DashboardLatencyP99High",
      "InviteRedemptionSuccessLow",
      "ServerErrorRatioHigh",
      "MiniportalDown",
      "InFlightSaturation",
      "EventLoopLagHigh",
      "MemoryHigh",
    ]) {
      expect(alertNames).toContain(name);
    }
  });

  it.each(alertNames)("%s has a firing and a silent unit test", (name) => {
    const mine = cases.filter((c) => c.alertname === name);
    const firing = mine.filter((c) => (c.exp_alerts ?? []).length > 0);
    const silent = mine.filter((c) => (c.exp_alerts ?? []).length === 0);
    expect(firing.length, `${name}: no case where it fires`).toBeGreaterThan(0);
    expect(silent.length, `${name}: no case where it stays silent`).toBeGreaterThan(0);
  });

  it("every severity an alert can fire with is exercised by a firing case", () => {
    for (const rule of alerts) {
      const fired = cases.some(
        (c) =>
          c.alertname === rule.alert &&
          (c.exp_alerts ?? []).some((a) => a.exp_labels?.severity === rule.labels?.severity),
      );
      expect(fired, `${rule.alert} (${rule.labels?.severity})`).toBe(true);
    }
  });

  it("covers several instances: SLO alerts over two instances fire once, without an instance label", () => {
    const instancesOf = (t: UnitTestFile["tests"][number]) =>
      new Set(t.input_series.map((s) => /instance="([^"]+)"/.exec(s.series)?.[1]).filter(Boolean));
    const multi = unitTests.tests.filter((t) => instancesOf(t).size >= 2);
    const sloAlerts = new Set(alerts.filter((r) => r.labels?.slo).map((r) => r.alert));
    const firing = multi.flatMap((t) => t.alert_rule_test ?? []).filter((c) => sloAlerts.has(c.alertname));
    const fired = firing.flatMap((c) => c.exp_alerts ?? []);
    expect(fired.length, "an SLO alert fired in a two-instance case").toBeGreaterThan(0);
    for (const a of fired) expect(a.exp_labels?.instance, "aggregated across instances").toBeUndefined();
    // And one where a single slow instance does not page for a portal that is fine overall.
    expect(firing.some((c) => (c.exp_alerts ?? []).length === 0)).toBe(true);
  });

  it("feeds only series the app (or the scraper) really produces", () => {
    for (const t of unitTests.tests) {
      for (const s of t.input_series) {
        const name = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(s.series)?.[1] ?? "";
        expect(KNOWN_SERIES.has(name), `${t.name}: ${name}`).toBe(true);
      }
    }
  });
});

describe("alert definitions", () => {
  const anchors = markdownAnchors(SLO_MD);

  it.each(alerts.map((a) => [`${a.alert} (${a.labels?.severity})`, a] as const))(
    "%s has severity, summary, description and a runbook that exists",
    (_label, rule) => {
      expect(["page", "ticket"]).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      const runbook = rule.annotations?.runbook_url ?? "";
      const m = /^docs\/slo\.md#(.+)$/.exec(runbook);
      expect(m, `${rule.alert}: runbook_url ${runbook}`).not.toBeNull();
      expect(anchors.has(m?.[1] ?? ""), `docs/slo.md has no heading for #${m?.[1]}`).toBe(true);
    },
  );

  it("SLO threshold alerts act on a 30-minute breach", () => {
    for (const name of ["LoginLatencyP95High", "DashboardLatencyP99High", "ServerErrorRatioHigh"]) {
      const rule = alerts.find((a) => a.alert === name);
      expect(rule?.for, name).toBe("30m");
    }
    // Burn-rate alert: the slow-burn pair uses a 30-minute short window.
    const invite = alerts.filter((a) => a.alert === "InviteRedemptionSuccessLow");
    expect(invite.some((a) => a.expr.includes("invite_redemption_error_ratio:rate30m"))).toBe(true);
  });
});
