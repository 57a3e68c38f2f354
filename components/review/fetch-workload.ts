// The forecast at a retention, from GET /review/workload (a read: no write budget spent).
export type Workload = { retention: number; perDay: number[]; mean: number; days: number };

export async function fetchWorkload(retention: number, signal?: AbortSignal): Promise<Workload | null> {
  try {
    const res = await fetch(`/review/workload?retention=${retention.toFixed(2)}`, { signal, cache: "no-store" });
    return res.ok ? ((await res.json()) as Workload) : null;
  } catch {
    return null;
  }
}
