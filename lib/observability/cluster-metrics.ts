// /metrics and the ops page answer for the whole server, not for the worker
// that happens to take the request. A worker asks the primary
// (lib/server/primary.ts), which collects every worker's registry as JSON and
// sums it with prom-client's AggregatorRegistry.aggregate (counters and
// histograms add up, so the exact-count tests still hold; the in-flight gauge
// sums). Without a primary (tests, `npm run dev`) the process answers alone.
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from "prom-client";
import { answerPrimary, askPrimary, hasPrimary } from "../server/ipc";
import { metrics } from "./metrics";

export type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];
export type Exposition = { text: string; contentType: string };

/** primary → worker: this worker's registry as JSON. */
export const LOCAL_METRICS_REQUEST = "metrics.local";
/** worker → primary: the whole server's exposition text. */
export const SERVER_METRICS_REQUEST = "metrics.server";

/** In a worker: lets the primary read this process's registry. */
export function answerLocalMetricsRequests(): void {
  answerPrimary(LOCAL_METRICS_REQUEST, () => metrics().registry.getMetricsAsJSON());
}

export async function aggregateExposition(perWorker: MetricsJson[]): Promise<Exposition> {
  const registry = AggregatorRegistry.aggregate(perWorker);
  return { text: await registry.metrics(), contentType: registry.contentType };
}

/** The Prometheus exposition of the whole server. */
export async function serverExposition(): Promise<Exposition> {
  if (hasPrimary()) return askPrimary<Exposition>(SERVER_METRICS_REQUEST);
  const { registry } = metrics();
  return { text: await registry.metrics(), contentType: registry.contentType };
}

/** The values of one metric across every worker's JSON, as if one registry held them all. */
export function valuesOf(perWorker: MetricsJson[], name: string): MetricValue<string>[] {
  return perWorker.flatMap((json) => json.filter((m) => m.name === name).flatMap((m) => m.values));
}
