// The ops page's memory: every 10 s a snapshot of this process's metrics, kept
// for 15 minutes in a ring buffer on globalThis. Windows over these snapshots
// answer what the design note's three dashboard panels ask, without Prometheus.
import {
  type HistogramCounts,
  aggregateHistogram,
  histogramIncrease,
  histogramQuantile,
  totalCount,
} from "./histogram-math";
import type { PortalMetrics } from "./metrics";

export type OutcomeCounts = { ok: number; failed: number };
export type OpsSnapshot = {
  at: number;
  requests: HistogramCounts;
  vault: HistogramCounts;
  logins: OutcomeCounts;
  invites: OutcomeCounts;
};

export const SNAPSHOT_INTERVAL_MS = 10_000;
export const HISTORY_MS = 15 * 60_000;

type Values = { labels: Record<string, string | number | undefined>; value: number; metricName?: string }[];
/** Where a snapshot's numbers come from: one registry, or every worker's (cluster-metrics.ts valuesOf). */
export type MetricSource = (name: string) => Values;

function outcomes(values: Values): OutcomeCounts {
  const of = (ok: string) => values.filter((v) => String(v.labels.ok) === ok).reduce((n, v) => n + v.value, 0);
  return { ok: of("true"), failed: of("false") };
}

export function snapshotOf(source: MetricSource, at = Date.now()): OpsSnapshot {
  return {
    at,
    requests: aggregateHistogram(source("portal_request_duration_seconds")),
    vault: aggregateHistogram(source("portal_vault_decrypt_seconds")),
    logins: outcomes(source("portal_login_attempts_total")),
    invites: outcomes(source("portal_invite_redemptions_total")),
  };
}

/** This process's registry as a MetricSource. */
export async function localSource(m: PortalMetrics): Promise<MetricSource> {
  const json = await m.registry.getMetricsAsJSON();
  return (name) => json.filter((metric) => metric.name === name).flatMap((metric) => metric.values);
}

export async function takeSnapshot(m: PortalMetrics, at = Date.now()): Promise<OpsSnapshot> {
  return snapshotOf(await localSource(m), at);
}

export class OpsHistory {
  private readonly items: OpsSnapshot[] = [];
  constructor(private readonly capacity = Math.ceil(HISTORY_MS / SNAPSHOT_INTERVAL_MS) + 1) {}

  record(snapshot: OpsSnapshot): void {
    this.items.push(snapshot);
    if (this.items.length > this.capacity) this.items.splice(0, this.items.length - this.capacity);
  }

  snapshots(): OpsSnapshot[] {
    return [...this.items];
  }
}

const globalForOps = globalThis as unknown as {
  miniportalOpsHistory?: OpsHistory;
  miniportalOpsTimer?: NodeJS.Timeout;
};

export function opsHistory(): OpsHistory {
  globalForOps.miniportalOpsHistory ??= new OpsHistory();
  return globalForOps.miniportalOpsHistory;
}

/** Starts the periodic snapshots (once per process): of this registry, or of what `sample` returns. */
export function startOpsSampler(
  m: PortalMetrics | (() => Promise<OpsSnapshot>),
  intervalMs = SNAPSHOT_INTERVAL_MS,
): void {
  if (globalForOps.miniportalOpsTimer) return;
  const sample = typeof m === "function" ? m : () => takeSnapshot(m);
  const take = () =>
    void sample().then(
      (s) => opsHistory().record(s),
      () => undefined,
    );
  take();
  globalForOps.miniportalOpsTimer = setInterval(take, intervalMs);
  globalForOps.miniportalOpsTimer.unref();
}

/** The snapshot at or before `at`, else the oldest one. */
function baseline(snapshots: OpsSnapshot[], at: number): OpsSnapshot | undefined {
  let best: OpsSnapshot | undefined;
  for (const s of snapshots) if (s.at <= at) best = s;
  return best ?? snapshots[0];
}

export type LatencyPoint = { at: number; p50: number | null; p95: number | null; p99: number | null; requests: number };

/** p50/p95/p99 over a sliding window ending at each snapshot (like rate[1m]). */
export function latencySeries(snapshots: OpsSnapshot[], windowMs = 60_000): LatencyPoint[] {
  const points: LatencyPoint[] = [];
  for (const [i, s] of snapshots.entries()) {
    if (i === 0) continue;
    const from = baseline(snapshots.slice(0, i), s.at - windowMs)!;
    const inc = histogramIncrease(from.requests, s.requests);
    points.push({
      at: s.at,
      p50: histogramQuantile(0.5, inc),
      p95: histogramQuantile(0.95, inc),
      p99: histogramQuantile(0.99, inc),
      requests: totalCount(inc),
    });
  }
  return points;
}

export type OpsSummary = {
  windowMs: number;
  loginSuccessRate: number | null;
  loginAttempts: number;
  invitesRedeemed: number;
  invitesFailed: number;
  vaultP95Seconds: number | null;
  vaultDecrypts: number;
};

/** The stat panels over the last `windowMs` (default 5 minutes) of snapshots. */
export function summarize(snapshots: OpsSnapshot[], windowMs = 5 * 60_000): OpsSummary | null {
  const last = snapshots.at(-1);
  if (!last) return null;
  const from = baseline(snapshots, last.at - windowMs)!;
  const ok = last.logins.ok - from.logins.ok;
  const failed = last.logins.failed - from.logins.failed;
  const vault = histogramIncrease(from.vault, last.vault);
  return {
    windowMs: last.at - from.at,
    loginSuccessRate: ok + failed > 0 ? ok / (ok + failed) : null,
    loginAttempts: ok + failed,
    invitesRedeemed: last.invites.ok - from.invites.ok,
    invitesFailed: last.invites.failed - from.invites.failed,
    vaultP95Seconds: histogramQuantile(0.95, vault),
    vaultDecrypts: totalCount(vault),
  };
}
