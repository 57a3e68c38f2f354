// The app's own view of the run: /metrics scraped before and after, and the
// increase of each family in between (what Prometheus' increase() would say).
import {
  type HistogramCounts,
  histogramIncrease,
  histogramQuantile,
  totalCount,
} from "../../lib/observability/histogram-math";

type Series = { name: string; labels: Record<string, string>; value: number };

export function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    out.push({ name: m[1]!, labels, value: Number(m[4]) });
  }
  return out;
}

export async function scrapeMetrics(base: URL, token: string | undefined): Promise<Series[]> {
  const res = await fetch(new URL("/metrics", base), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status === 401)
    throw new Error("/metrics answered 401: pass --token or set MINIPORTAL_METRICS_TOKEN to the server's token.");
  if (!res.ok) throw new Error(`/metrics answered ${res.status} (is METRICS_ENABLED off?)`);
  return parseExposition(await res.text());
}

/**
 * Several instances (behind a balancer): each scraped directly and their series
 * put together; every figure below sums over series, so that aggregates them
 * the way `sum by (le)` does in Prometheus.
 */
export async function scrapeInstances(bases: URL[], token: string | undefined): Promise<Series[]> {
  return (await Promise.all(bases.map((base) => scrapeMetrics(base, token)))).flat();
}

const FAMILY = "portal_request_duration_seconds";

/** Request-duration histograms keyed "METHOD route", summed over status. */
function durationHistograms(series: Series[]): Map<string, HistogramCounts> {
  const byKey = new Map<string, Map<number, number>>();
  for (const s of series) {
    if (s.name !== `${FAMILY}_bucket`) continue;
    const key = `${s.labels.method} ${s.labels.route}`;
    const le = s.labels.le === "+Inf" ? Infinity : Number(s.labels.le);
    const buckets = byKey.get(key) ?? new Map<number, number>();
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
    byKey.set(key, buckets);
  }
  return new Map(
    [...byKey].map(([k, b]) => [
      k,
      { buckets: [...b].sort(([x], [y]) => x - y).map(([le, count]) => ({ le, count })), sum: 0 },
    ]),
  );
}

function sumOf(
  series: Series[],
  name: string,
  match: (labels: Record<string, string>) => boolean = () => true,
): number {
  return series.filter((s) => s.name === name && match(s.labels)).reduce((a, s) => a + s.value, 0);
}

export type ServerRouteStats = {
  key: string;
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
};
export type ServerDelta = {
  routes: ServerRouteStats[];
  requests: number;
  serverErrors: number;
  loginOk: number;
  loginFailed: number;
  invitesOk: number;
  invitesFailed: number;
};

const NOT_STUDENT_TRAFFIC = /^\/(metrics|health)$/;

export function serverDelta(before: Series[], after: Series[]): ServerDelta {
  const earlier = durationHistograms(before);
  const routes: ServerRouteStats[] = [];
  for (const [key, later] of durationHistograms(after)) {
    const h = histogramIncrease(earlier.get(key) ?? { buckets: [], sum: 0 }, later);
    const count = totalCount(h);
    if (count > 0)
      routes.push({
        key,
        count,
        p50: histogramQuantile(0.5, h),
        p95: histogramQuantile(0.95, h),
        p99: histogramQuantile(0.99, h),
      });
  }
  routes.sort((a, b) => a.key.localeCompare(b.key));
  const student = (l: Record<string, string>) => !NOT_STUDENT_TRAFFIC.test(l.route ?? "");
  const d = (name: string, match?: (l: Record<string, string>) => boolean) =>
    sumOf(after, name, match) - sumOf(before, name, match);
  return {
    routes,
    requests: d(`${FAMILY}_count`, student),
    serverErrors: d("portal_server_errors_total", (l) => student(l) && /^5/.test(l.status ?? "")),
    loginOk: d("portal_login_attempts_total", (l) => l.ok === "true"),
    loginFailed: d("portal_login_attempts_total", (l) => l.ok === "false"),
    invitesOk: d("portal_invite_redemptions_total", (l) => l.ok === "true"),
    invitesFailed: d("portal_invite_redemptions_total", (l) => l.ok === "false"),
  };
}
