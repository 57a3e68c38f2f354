// The /admin/ops page's data: the recent snapshots plus one taken now — of the
// whole server: with workers, the primary keeps the history of every worker's
// summed metrics (lib/server/primary.ts) and answers OPS_REQUEST.
import type { SessionUser } from "../auth/session-user";
import { env } from "../env";
import { askPrimary, hasPrimary } from "../server/ipc";
import { metrics } from "./metrics";
import {
  HISTORY_MS,
  type LatencyPoint,
  type OpsSnapshot,
  type OpsSummary,
  latencySeries,
  opsHistory,
  summarize,
  takeSnapshot,
} from "./ops-history";

/** worker → primary: the history, a snapshot taken now, and the requests in flight. */
export const OPS_REQUEST = "ops.data";
export type OpsData = { snapshots: OpsSnapshot[]; inFlight: number };

/** This process's own ops data, for a process without workers (tests, `npm run dev`). */
async function localOpsData(now: number): Promise<OpsData> {
  const m = metrics();
  const snapshots = [
    ...opsHistory()
      .snapshots()
      .filter((s) => s.at >= now - HISTORY_MS),
    await takeSnapshot(m, now),
  ];
  return { snapshots, inFlight: (await m.requestsInFlight.get()).values[0]?.value ?? 0 };
}

export type OpsOverview =
  | { enabled: false }
  | { enabled: true; latency: LatencyPoint[]; summary: OpsSummary; inFlight: number; startedAt: number; now: number };

export async function opsOverview(actor: SessionUser, now = Date.now()): Promise<OpsOverview> {
  if (actor.role !== "admin") throw new Error("Only admins can see service health.");
  if (!env().METRICS_ENABLED) return { enabled: false };
  const { snapshots, inFlight } = hasPrimary()
    ? await askPrimary<OpsData>(OPS_REQUEST, { now })
    : await localOpsData(now);
  return {
    enabled: true,
    latency: latencySeries(snapshots),
    summary: summarize(snapshots, HISTORY_MS)!,
    inFlight,
    startedAt: snapshots[0]!.at,
    now,
  };
}
