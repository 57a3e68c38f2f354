// The /admin/ops page's data: the recent snapshots plus one taken now.
import type { SessionUser } from "../auth/session-user";
import { env } from "../env";
import { metrics } from "./metrics";
import { HISTORY_MS, type LatencyPoint, type OpsSummary, latencySeries, opsHistory, summarize, takeSnapshot } from "./ops-history";

export type OpsOverview =
  | { enabled: false }
  | { enabled: true; latency: LatencyPoint[]; summary: OpsSummary; inFlight: number; startedAt: number; now: number };

export async function opsOverview(actor: SessionUser, now = Date.now()): Promise<OpsOverview> {
  if (actor.role !== "admin") throw new Error("Only admins can see service health.");
  if (!env().METRICS_ENABLED) return { enabled: false };
  const m = metrics();
  const snapshots = [...opsHistory().snapshots().filter((s) => s.at >= now - HISTORY_MS), await takeSnapshot(m, now)];
  const inFlight = (await m.requestsInFlight.get()).values[0]?.value ?? 0;
  return {
    enabled: true,
    latency: latencySeries(snapshots),
    summary: summarize(snapshots, HISTORY_MS)!,
    inFlight,
    startedAt: snapshots[0]!.at,
    now,
  };
}
