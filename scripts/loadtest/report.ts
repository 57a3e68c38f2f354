// The run's results: a console summary and a self-contained HTML report with
// SVG latency charts (no scripts, no external assets).
import type { RouteStats, Sample } from "./recorder";
import type { ServerDelta } from "./server-metrics";
import type { Verdict } from "./slo";

export type RunSummary = {
  command: string;
  startedAt: string;
  baseUrl: string;
  students: number;
  durationMs: number;
  wallMs: number;
  requests: number;
  client: RouteStats[];
  server: ServerDelta | null;
  verdicts: Verdict[];
  failures: { route: string; status: number; reason: string; count: number }[];
  lostSaves: string[];
  /** Acknowledged saves the check could not read back (sign-in or page failed). */
  unverifiedSaves: string[];
  acknowledgedSaves: number;
  flows: { redeemed: number; logins: number; saves: number; grades: number; exams: number };
};

const fmt = (v: number | null, unit = 1) => (v === null ? "–" : String(Math.round(v * unit)));
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const COLORS = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#be185d",
  "#65a30d",
  "#4f46e5",
  "#b45309",
  "#0f766e",
  "#6b7280",
];

export function routeTable(summary: RunSummary): string[] {
  const server = new Map((summary.server?.routes ?? []).map((r) => [r.key, r]));
  const lines = [
    `${"route".padEnd(40)} ${"n".padStart(5)} ${"err".padStart(4)}   client p50/p95/p99 ms   server p50/p95/p99 ms`,
  ];
  for (const r of summary.client) {
    const s = server.get(r.route.replace(/ \(read-back\)$/, ""));
    const sv =
      s && !r.route.endsWith("(read-back)")
        ? `${fmt(s.p50, 1000)}/${fmt(s.p95, 1000)}/${fmt(s.p99, 1000)} (n=${s.count})`
        : "";
    lines.push(
      `${r.route.padEnd(40)} ${String(r.count).padStart(5)} ${String(r.errors).padStart(4)}   ${`${fmt(r.p50)}/${fmt(r.p95)}/${fmt(r.p99)}`.padEnd(22)}  ${sv}`,
    );
  }
  return lines;
}

function scatterChart(samples: Sample[], routes: string[], durationMs: number): string {
  const W = 900,
    H = 360,
    L = 60,
    B = 40,
    T = 20,
    R = 20;
  const ymin = 1,
    ymax = 10_000;
  const x = (t: number) => L + (t / Math.max(durationMs, 1)) * (W - L - R);
  const y = (v: number) => T + (1 - (Math.log10(Math.min(Math.max(v, ymin), ymax)) - 0) / 4) * (H - T - B);
  const step = Math.max(1, Math.ceil(samples.length / 6000)); // bounded SVG size
  const dots = samples
    .filter((_, i) => i % step === 0)
    .map(
      (s) =>
        `<circle cx="${x(s.startMs).toFixed(1)}" cy="${y(s.ms).toFixed(1)}" r="2" fill="${s.ok ? COLORS[routes.indexOf(s.route) % COLORS.length] : "#000"}" fill-opacity="0.6"/>`,
    )
    .join("");
  const grid = [1, 10, 100, 1000, 10_000]
    .map(
      (v) =>
        `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${L - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v >= 1000 ? `${v / 1000}s` : `${v}ms`}</text>`,
    )
    .join("");
  const slo = [
    [500, "login p95 SLO 500 ms"],
    [200, "/me p99 SLO 200 ms"],
  ]
    .map(
      ([v, label]) =>
        `<line x1="${L}" x2="${W - R}" y1="${y(v as number)}" y2="${y(v as number)}" stroke="#dc2626" stroke-dasharray="6 4"/><text x="${W - R}" y="${y(v as number) - 4}" text-anchor="end" font-size="11" fill="#dc2626">${label}</text>`,
    )
    .join("");
  const secs = Math.ceil(durationMs / 1000);
  const xticks = Array.from({ length: 7 }, (_, i) => Math.round((secs * i) / 6))
    .map((s) => `<text x="${x(s * 1000)}" y="${H - B + 16}" text-anchor="middle" font-size="11">${s}s</text>`)
    .join("");
  const legend = routes
    .map((r, i) => `<span style="color:${COLORS[i % COLORS.length]}">●</span> ${esc(r)}`)
    .join(" &nbsp; ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="Latency of every request over time">${grid}${slo}${xticks}${dots}<text x="${W / 2}" y="${H - 6}" text-anchor="middle" font-size="12">time since start (failed requests in black)</text></svg><p class="legend">${legend}</p>`;
}

function percentileBars(stats: RouteStats[]): string {
  const rowH = 26,
    L = 280,
    W = 900,
    R = 140;
  const max = Math.max(250, ...stats.map((s) => s.p99 ?? 0));
  const x = (v: number) => L + (v / max) * (W - L - R);
  const rows = stats.map((s, i) => {
    const y = 10 + i * rowH;
    const bar = (v: number | null, color: string, h: number, dy: number) =>
      v === null
        ? ""
        : `<rect x="${L}" y="${y + dy}" width="${Math.max(1, x(v) - L).toFixed(1)}" height="${h}" fill="${color}"/>`;
    return `<text x="${L - 8}" y="${y + 15}" text-anchor="end" font-size="12">${esc(s.route)}</text>${bar(s.p99, "#fca5a5", 20, 0)}${bar(s.p95, "#fb923c", 14, 3)}${bar(s.p50, "#2563eb", 8, 6)}<text x="${x(s.p99 ?? 0) + 4}" y="${y + 15}" font-size="11">${fmt(s.p50)}/${fmt(s.p95)}/${fmt(s.p99)} ms</text>`;
  });
  const H = 30 + stats.length * rowH;
  const slo = [500, 200]
    .filter((v) => v <= max)
    .map(
      (v) =>
        `<line x1="${x(v)}" x2="${x(v)}" y1="0" y2="${H - 20}" stroke="#dc2626" stroke-dasharray="6 4"/><text x="${x(v)}" y="${H - 6}" text-anchor="middle" font-size="11" fill="#dc2626">${v} ms</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" role="img" aria-label="p50, p95 and p99 latency per route">${rows.join("")}${slo}</svg><p class="legend"><span style="color:#2563eb">■</span> p50 &nbsp; <span style="color:#fb923c">■</span> p95 &nbsp; <span style="color:#fca5a5">■</span> p99 (client-side)</p>`;
}

export function htmlReport(summary: RunSummary, samples: Sample[]): string {
  const routes = summary.client.map((r) => r.route);
  const verdictRows = summary.verdicts
    .map(
      (v) =>
        `<tr><td>${esc(v.name)}</td><td>${esc(v.target)}</td><td>${esc(v.server)}</td><td>${esc(v.client)}</td><td class="${v.pass ? "pass" : "fail"}">${v.pass ? "PASS" : "FAIL"}</td></tr>`,
    )
    .join("");
  const failures =
    summary.failures
      .map((f) => `<li>${esc(f.route)} (${f.status || "network"}) ×${f.count}: ${esc(f.reason)}</li>`)
      .join("") || "<li>none</li>";
  const lost =
    [...summary.lostSaves, ...summary.unverifiedSaves].map((l) => `<li>${esc(l)}</li>`).join("") || "<li>none</li>";
  const savesFail = summary.lostSaves.length + summary.unverifiedSaves.length > 0;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Miniportal load test ${esc(summary.startedAt)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:960px;color:#0f172a}table{border-collapse:collapse}td,th{border:1px solid #cbd5e1;padding:4px 8px;text-align:left}.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}pre{background:#f1f5f9;padding:8px;overflow:auto}.legend{font-size:12px}</style></head><body>
<h1>Miniportal load test</h1>
<p><code>${esc(summary.command)}</code><br>${esc(summary.startedAt)} · ${summary.students} students · ${Math.round(summary.durationMs / 1000)} s · ${summary.requests} requests · ${esc(summary.baseUrl)}</p>
<h2>SLOs</h2><table><tr><th>SLO</th><th>target</th><th>server (/metrics delta)</th><th>client</th><th></th></tr>${verdictRows}
<tr><td>lost saves</td><td>0</td><td colspan="2">${summary.lostSaves.length} of ${summary.acknowledgedSaves} acknowledged saves${summary.unverifiedSaves.length ? `, ${summary.unverifiedSaves.length} not verified` : ""}</td><td class="${savesFail ? "fail" : "pass"}">${savesFail ? "FAIL" : "PASS"}</td></tr></table>
<h2>Latency over time</h2>${scatterChart(samples, routes, summary.wallMs)}
<h2>Percentiles per route</h2>${percentileBars(summary.client)}
<h2>Per route</h2><pre>${esc(routeTable(summary).join("\n"))}</pre>
<h2>Flows</h2><p>${summary.flows.redeemed} invites redeemed, ${summary.flows.logins} sign-ins, ${summary.flows.saves} journal saves, ${summary.flows.grades} review grades, ${summary.flows.exams} exams</p>
<h2>Failed requests</h2><ul>${failures}</ul><h2>Lost saves</h2><ul>${lost}</ul>
</body></html>
`;
}
