// The whole server's recent metrics snapshots plus one taken now: with workers,
// the primary keeps the history of every worker's summed metrics
// (lib/server/primary.ts) and answers OPS_REQUEST. The /admin/ops page reads it
// through lib/admin/ops.ts.
import { askPrimary, hasPrimary } from "../server/ipc";
import { metrics } from "./metrics";
import { HISTORY_MS, type OpsSnapshot, opsHistory, takeSnapshot } from "./ops-history";

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

/** The server's ops data: from the primary when there are workers, else this process's. */
export async function serverOpsData(now: number): Promise<OpsData> {
  return hasPrimary() ? askPrimary<OpsData>(OPS_REQUEST, { now }) : localOpsData(now);
}
