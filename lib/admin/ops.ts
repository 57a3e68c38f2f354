// The /admin/ops page's data: latency percentiles and the summary figures over
// the recent metrics snapshots of the whole server (lib/observability/ops-data.ts).
import "server-only";
import { assertRole, type SessionUser } from "../auth/session-user";
import { env } from "../env";
import { serverOpsData } from "../observability/ops-data";
import { HISTORY_MS, type LatencyPoint, type OpsSummary, latencySeries, summarize } from "../observability/ops-history";
import { withMinimumSample } from "./ops-sample";

export type OpsOverview =
  | { enabled: false }
  | { enabled: true; latency: LatencyPoint[]; summary: OpsSummary; inFlight: number; startedAt: number; now: number };

export async function opsOverview(actor: SessionUser, now = Date.now()): Promise<OpsOverview> {
  assertRole(actor, "admin", "adminsOnlyHealth");
  if (!env().METRICS_ENABLED) return { enabled: false };
  const { snapshots, inFlight } = await serverOpsData(now);
  return {
    enabled: true,
    latency: latencySeries(snapshots),
    summary: withMinimumSample(summarize(snapshots, HISTORY_MS)!),
    inFlight,
    startedAt: snapshots[0]!.at,
    now,
  };
}
