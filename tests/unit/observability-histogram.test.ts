import { describe, expect, it } from "vitest";
import {
  aggregateHistogram,
  histogramIncrease,
  histogramQuantile,
  type HistogramCounts,
} from "@/lib/observability/histogram-math";
import { OpsHistory, type OpsSnapshot, latencySeries, summarize } from "@/lib/observability/ops-history";

const h = (pairs: [number, number][], sum = 0): HistogramCounts => ({
  buckets: pairs.map(([le, count]) => ({ le, count })),
  sum,
});

describe("histogram quantiles (Prometheus semantics)", () => {
  it("interpolates inside the bucket holding the rank", () => {
    // 100 observations: 50 ≤ 0.1, 40 in (0.1, 0.5], 10 in (0.5, 1].
    const x = h([
      [0.1, 50],
      [0.5, 90],
      [1, 100],
      [Infinity, 100],
    ]);
    expect(histogramQuantile(0.5, x)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.25, x)).toBeCloseTo(0.05);
    expect(histogramQuantile(0.7, x)).toBeCloseTo(0.3);
    expect(histogramQuantile(0.95, x)).toBeCloseTo(0.75);
  });

  it("answers the highest finite bound for the +Inf bucket and null without data", () => {
    expect(
      histogramQuantile(
        0.99,
        h([
          [0.1, 1],
          [5, 1],
          [Infinity, 10],
        ]),
      ),
    ).toBe(5);
    expect(
      histogramQuantile(
        0.5,
        h([
          [0.1, 0],
          [Infinity, 0],
        ]),
      ),
    ).toBeNull();
    expect(histogramQuantile(0.5, h([]))).toBeNull();
  });

  it("sums prom-client values over every label but le, and subtracts snapshots", () => {
    const values = [
      { metricName: "x_bucket", labels: { le: 0.1, route: "/a" }, value: 2 },
      { metricName: "x_bucket", labels: { le: 0.1, route: "/b" }, value: 3 },
      { metricName: "x_bucket", labels: { le: "+Inf", route: "/a" }, value: 4 },
      { metricName: "x_bucket", labels: { le: "+Inf", route: "/b" }, value: 3 },
      { metricName: "x_sum", labels: { route: "/a" }, value: 1.5 },
      { metricName: "x_count", labels: { route: "/a" }, value: 4 },
    ];
    const agg = aggregateHistogram(values);
    expect(agg).toEqual(
      h(
        [
          [0.1, 5],
          [Infinity, 7],
        ],
        1.5,
      ),
    );
    expect(histogramIncrease(h([[0.1, 1]], 0.5), agg)).toEqual(
      h(
        [
          [0.1, 4],
          [Infinity, 7],
        ],
        1,
      ),
    );
  });
});

const snap = (at: number, fast: number, slow: number, logins: [number, number] = [0, 0]): OpsSnapshot => ({
  at,
  requests: h([
    [0.05, fast],
    [1, fast + slow],
    [Infinity, fast + slow],
  ]),
  vault: h([
    [0.001, fast],
    [Infinity, fast],
  ]),
  logins: { ok: logins[0], failed: logins[1] },
  invites: { ok: 0, failed: 0 },
});

describe("ops history windows", () => {
  it("computes latency percentiles over a sliding minute", () => {
    const series = latencySeries([snap(0, 0, 0), snap(10_000, 90, 10), snap(70_000, 90, 10)]);
    expect(series).toHaveLength(2);
    expect(series[0]!.requests).toBe(100);
    expect(series[0]!.p50).toBeCloseTo(0.05 * (50 / 90));
    expect(series[0]!.p99).toBeCloseTo(0.05 + 0.95 * 0.9);
    // The last minute saw no requests: a gap, not a zero.
    expect(series[1]).toMatchObject({ requests: 0, p50: null, p95: null, p99: null });
  });

  it("summarises login success and vault p95 over the window", () => {
    const s = summarize([snap(0, 0, 0, [1, 1]), snap(60_000, 10, 0, [4, 2])])!;
    expect(s.loginAttempts).toBe(4);
    expect(s.loginSuccessRate).toBeCloseTo(0.75);
    expect(s.vaultDecrypts).toBe(10);
    expect(s.vaultP95Seconds).toBeCloseTo(0.00095);
    expect(summarize([])).toBeNull();
  });

  it("keeps a bounded ring of snapshots", () => {
    const history = new OpsHistory(3);
    for (let i = 0; i < 5; i++) history.record(snap(i, 0, 0));
    expect(history.snapshots().map((s) => s.at)).toEqual([2, 3, 4]);
  });
});
