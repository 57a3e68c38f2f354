// A real Prometheus (Debian package `prometheus`) on loopback, configured from
// ops/prometheus/prometheus.local.yml, scraping a stand-in for the app's /metrics
// that demands the bearer token. Proves the template renders into a working
// config, that the token reaches /metrics, and that every rule in alerts.yml
// loads and evaluates without error against real scraped data.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERTS_YML, readYaml, type RuleFile } from "./helpers";
import { startLocalPrometheus, type LocalPrometheus } from "./prometheus-local";

const TOKEN = "ops-test-token";
let scrapes = 0;
const authHeaders: string[] = [];

/** prom-client style exposition; counters grow with every scrape so rates exist. */
function exposition(n: number): string {
  const lines: string[] = [];
  const hist = (name: string, labels: string, buckets: [string, number][], sum: number): void => {
    for (const [le, count] of buckets) lines.push(`${name}_bucket{${labels}${labels ? "," : ""}le="${le}"} ${count}`);
    lines.push(`${name}_sum{${labels}} ${sum}`, `${name}_count{${labels}} ${buckets.at(-1)?.[1] ?? 0}`);
  };
  lines.push("# TYPE portal_request_duration_seconds histogram");
  // Logins: all in (0.1, 0.25]; dashboard: all in (0.05, 0.1].
  hist("portal_request_duration_seconds", 'route="/login",method="POST",status="200"',
    [["0.1", 0], ["0.25", 5 * n], ["0.5", 5 * n], ["+Inf", 5 * n]], 0.9 * n);
  hist("portal_request_duration_seconds", 'route="/me",method="GET",status="200"',
    [["0.05", 0], ["0.1", 20 * n], ["+Inf", 20 * n]], 1.4 * n);
  lines.push("# TYPE portal_vault_decrypt_seconds histogram");
  hist("portal_vault_decrypt_seconds", "", [["0.001", 10 * n], ["+Inf", 10 * n]], 0.005 * n);
  lines.push(
    "# TYPE portal_requests_in_flight gauge",
    "portal_requests_in_flight 1",
    "# TYPE portal_server_errors_total counter",
    `portal_server_errors_total{route="/me",method="GET",status="500"} 0`,
    "# TYPE portal_login_attempts_total counter",
    `portal_login_attempts_total{ok="true"} ${5 * n}`,
    `portal_login_attempts_total{ok="false"} 0`,
    "# TYPE portal_invite_redemptions_total counter",
    `portal_invite_redemptions_total{ok="true"} ${n}`,
    `portal_invite_redemptions_total{ok="false"} 0`,
    "# TYPE process_resident_memory_bytes gauge",
    "process_resident_memory_bytes 200000000",
    "# TYPE nodejs_eventloop_lag_p99_seconds gauge",
    "nodejs_eventloop_lag_p99_seconds 0.012",
  );
  return `${lines.join("\n")}\n`;
}

const app = http.createServer((req, res) => {
  if (req.url !== "/metrics") {
    res.writeHead(404).end();
    return;
  }
  authHeaders.push(req.headers.authorization ?? "");
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.writeHead(401).end("unauthorized\n");
    return;
  }
  scrapes += 1;
  res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(exposition(scrapes));
});

let prom: LocalPrometheus;

beforeAll(async () => {
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const { port } = app.address() as AddressInfo;
  prom = await startLocalPrometheus({ target: `127.0.0.1:${port}`, token: TOKEN });
}, 30_000);

afterAll(async () => {
  await prom?.stop();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

interface RulesResponse {
  data: {
    groups: {
      name: string;
      rules: { name: string; type: string; health: string; lastError?: string; lastEvaluation: string }[];
    }[];
  };
}

describe("Prometheus on loopback with prometheus.local.yml", () => {
  it("scrapes /metrics with the bearer token from the token file", async () => {
    const up = await prom.waitFor('up{job="miniportal"} == 1');
    expect(up[0]?.metric.service).toBe("miniportal");
    expect(authHeaders.length).toBeGreaterThan(0);
    expect(new Set(authHeaders)).toEqual(new Set([`Bearer ${TOKEN}`]));
  }, 30_000);

  it("loads every rule of alerts.yml and evaluates it without error", async () => {
    // Two scrapes give rates; wait for the SLIs to be recorded from real data.
    const p95 = await prom.waitFor("miniportal:login_latency_seconds:p95_rate5m");
    expect(Number(p95[0]?.value[1])).toBeGreaterThan(0.1);
    expect(Number(p95[0]?.value[1])).toBeLessThanOrEqual(0.25);
    await prom.waitFor("miniportal:dashboard_latency_seconds:p99_rate5m < 0.1");
    await prom.waitFor("miniportal:server_error_ratio:rate5m == 0");
    await prom.waitFor("miniportal:invite_redemption_error_ratio:rate5m == 0");

    // Groups evaluate independently: wait until every rule has been evaluated once.
    let loaded: RulesResponse["data"]["groups"] = [];
    const deadline = Date.now() + 15_000;
    do {
      loaded = (await prom.get<RulesResponse>("/api/v1/rules")).data.groups;
      if (loaded.flatMap((g) => g.rules).every((r) => r.health !== "unknown")) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);

    const expected = readYaml<RuleFile>(ALERTS_YML).groups;
    expect(loaded.map((g) => g.name).sort()).toEqual(expected.map((g) => g.name).sort());
    expect(loaded.flatMap((g) => g.rules).length).toBe(expected.flatMap((g) => g.rules).length);
    for (const rule of loaded.flatMap((g) => g.rules)) {
      expect(rule.health, `${rule.name}: ${rule.lastError ?? ""}`).toBe("ok");
    }
  }, 30_000);

  it("fires nothing for a healthy app", async () => {
    const alerts = await prom.get<{ data: { alerts: { labels: Record<string, string>; state: string }[] } }>(
      "/api/v1/alerts",
    );
    expect(alerts.data.alerts.map((a) => `${a.labels.alertname} ${a.state}`)).toEqual([]);
  });
});
