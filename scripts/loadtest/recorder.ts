// Every request the simulated students make: when, which route template, how
// long, and whether it did what the flow expected.
export type Sample = { route: string; startMs: number; ms: number; status: number; ok: boolean };
export type Failure = { route: string; status: number; reason: string };

export class Recorder {
  readonly samples: Sample[] = [];
  readonly failures: Failure[] = [];
  readonly t0 = performance.now();

  now(): number {
    return performance.now() - this.t0;
  }

  record(sample: Sample): void {
    this.samples.push(sample);
  }

  fail(route: string, status: number, reason: string): void {
    this.failures.push({ route, status, reason });
  }

  routes(): string[] {
    return [...new Set(this.samples.map((s) => s.route))].sort();
  }
}

/** Nearest-rank percentile of sorted values (q in 0..1). */
export function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export type RouteStats = {
  route: string;
  count: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
};

export function statsByRoute(samples: Sample[]): RouteStats[] {
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  return [...byRoute.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, list]) => {
      const ms = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        route,
        count: list.length,
        errors: list.filter((s) => !s.ok).length,
        p50: percentile(ms, 0.5),
        p95: percentile(ms, 0.95),
        p99: percentile(ms, 0.99),
        max: ms.at(-1) ?? null,
      };
    });
}
