// Prometheus-style arithmetic on cumulative histogram snapshots, for the ops
// page: what histogram_quantile(q, increase(x_bucket[w])) would say, computed
// from two snapshots of this process's own registry. Pure functions.

/** Cumulative bucket counts by upper bound (ascending, the last is +Inf). */
export type HistogramCounts = { buckets: { le: number; count: number }[]; sum: number };

type MetricValue = { labels: Record<string, string | number | undefined>; value: number; metricName?: string };

/** prom-client's `histogram.get().values`, summed over every label but `le`. */
export function aggregateHistogram(values: MetricValue[]): HistogramCounts {
  const byLe = new Map<number, number>();
  let sum = 0;
  for (const v of values) {
    if (v.metricName?.endsWith("_bucket")) {
      const le = v.labels.le === "+Inf" ? Infinity : Number(v.labels.le);
      byLe.set(le, (byLe.get(le) ?? 0) + v.value);
    } else if (v.metricName?.endsWith("_sum")) {
      sum += v.value;
    }
  }
  const buckets = [...byLe.entries()].sort(([a], [b]) => a - b).map(([le, count]) => ({ le, count }));
  return { buckets, sum };
}

export function totalCount(h: HistogramCounts): number {
  return h.buckets.at(-1)?.count ?? 0;
}

/** later - earlier, bucket by bucket (a bucket missing earlier counts as 0). */
export function histogramIncrease(earlier: HistogramCounts, later: HistogramCounts): HistogramCounts {
  const before = new Map(earlier.buckets.map((b) => [b.le, b.count]));
  return {
    buckets: later.buckets.map((b) => ({ le: b.le, count: Math.max(0, b.count - (before.get(b.le) ?? 0)) })),
    sum: Math.max(0, later.sum - earlier.sum),
  };
}

/**
 * The q-quantile, interpolating linearly inside the bucket that holds it, as
 * Prometheus does. Null without observations; a quantile in the +Inf bucket
 * answers the highest finite bound.
 */
export function histogramQuantile(q: number, h: HistogramCounts): number | null {
  const total = totalCount(h);
  if (total <= 0 || q < 0 || q > 1) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of h.buckets) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      if (inBucket <= 0) return le;
      return lowerBound + (le - lowerBound) * ((rank - lowerCount) / inBucket);
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
}
