// Closed-loop HTTP load for the benchmarks: `count` GETs with `concurrency` in
// flight, each as one of the given students (cookies rotate), every answer checked.
import { performance } from "node:perf_hooks";

export type LoadTarget = {
  name: string;
  url: (request: number) => string;
  cookie?: (request: number) => string;
  /** Why the answer is wrong, or null when it is what a student would see. */
  check: (status: number, body: string, request: number) => string | null;
};
export type LoadResult = {
  name: string;
  requests: number;
  errors: number;
  firstError: string | null;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
};

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

export async function runLoad(target: LoadTarget, count: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        const n = issued++;
        const t = performance.now();
        let problem: string | null;
        try {
          const cookie = target.cookie?.(n);
          const res = await fetch(target.url(n), { headers: cookie ? { cookie } : {}, redirect: "manual" });
          const body = await res.text();
          bytes += body.length;
          problem = target.check(res.status, body, n);
        } catch (error) {
          problem = error instanceof Error ? error.message : String(error);
        }
        latencies.push(performance.now() - t);
        if (problem) {
          errors++;
          firstError ??= problem;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    requests: count,
    errors,
    firstError,
    rps: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytes: bytes / count,
  };
}
