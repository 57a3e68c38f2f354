// Reading the portal's /metrics from specs: scrapeMetrics(request) fetches it with
// the planted bearer token; counterValue() sums the samples that match labels.
//
//   const before = await scrapeMetrics(request);
//   ... do something ...
//   const after = await scrapeMetrics(request);
//   expect(delta(before, after, "portal_csrf_blocks_total")).toBe(1);
import { type APIRequestContext, expect } from "@playwright/test";
import { E2E_BASE_URL, PLANTED } from "./server-config";

export type Sample = { name: string; labels: Record<string, string>; value: number };

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Prometheus text exposition (0.0.4) into samples; comments and blank lines skipped. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const m = SAMPLE.exec(line.trim());
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (m[3] ?? "").matchAll(LABEL)) {
      labels[key!] = raw!.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    }
    const value = m[4] === "+Inf" ? Infinity : m[4] === "-Inf" ? -Infinity : Number(m[4]);
    samples.push({ name: m[1]!, labels, value });
  }
  return samples;
}

/** Sum of every sample of `name` whose labels include all of `labels`. */
export function counterValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** How much `name{labels}` grew between two scrapes. */
export function delta(before: Sample[], after: Sample[], name: string, labels: Record<string, string> = {}): number {
  return counterValue(after, name, labels) - counterValue(before, name, labels);
}

/** The raw /metrics text, read with the planted bearer token. */
export async function scrapeMetricsText(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${E2E_BASE_URL}/metrics`, {
    headers: { authorization: `Bearer ${PLANTED.metricsToken}` },
  });
  expect(response.status(), "GET /metrics with the token").toBe(200);
  return response.text();
}

export async function scrapeMetrics(request: APIRequestContext): Promise<Sample[]> {
  return parsePrometheusText(await scrapeMetricsText(request));
}
