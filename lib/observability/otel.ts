// Traces are opt-in: startTracing runs only when MINIPORTAL_OTLP_ENDPOINT is set,
// and then with exactly one span processor, exporting to that endpoint. Without
// it no provider is registered, so no exporter exists and nothing is sent (not
// even to @vercel/otel's default localhost:4318).
import type { Context, Link, SpanKind, Attributes } from "@opentelemetry/api";
import {
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SamplingDecision,
  type ReadableSpan,
  type Sampler,
  type SamplingResult,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { OTLPHttpProtoTraceExporter, registerOTel } from "@vercel/otel";
import { PLUMBING_ROUTES } from "./request-log";
import { type RouteMatcher, pathOf } from "./route-templates";
import { sanitizeSpan } from "./span-privacy";

export const SERVICE_NAME = "miniportal";

/** OTLP/HTTP: the endpoint is the collector's base URL; traces go to /v1/traces. */
export function tracesUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (!url.pathname.endsWith("/v1/traces")) url.pathname = `${url.pathname.replace(/\/$/, "")}/v1/traces`;
  return url.toString();
}

/** Drops traces rooted at /health and /metrics (a scrape must not trace itself). */
export class PlumbingExcludingSampler implements Sampler {
  private readonly delegate = new ParentBasedSampler({ root: new AlwaysOnSampler() });
  constructor(private readonly matcher: RouteMatcher) {}

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    attributes: Attributes,
    links: Link[],
  ): SamplingResult {
    const target = attributes["http.target"] ?? attributes["url.path"];
    if (typeof target === "string" && PLUMBING_ROUTES.has(this.matcher(pathOf(target)))) {
      return { decision: SamplingDecision.NOT_RECORD };
    }
    return this.delegate.shouldSample(context, traceId, spanName, spanKind, attributes, links);
  }

  toString(): string {
    return "PlumbingExcludingSampler";
  }
}

/** Every span passes span-privacy.ts before the real exporter sees it. */
export class PrivacyExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly matcher: RouteMatcher,
  ) {}

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(
      spans.map((span) => sanitizeSpan(span, this.matcher)),
      resultCallback,
    );
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export function startTracing(endpoint: string, matcher: RouteMatcher): void {
  const exporter = new PrivacyExporter(new OTLPHttpProtoTraceExporter({ url: tracesUrl(endpoint) }), matcher);
  registerOTel({
    serviceName: SERVICE_NAME,
    // Explicit processors and no traceExporter: @vercel/otel adds no exporter of its own.
    spanProcessors: [new BatchSpanProcessor(exporter)],
    traceSampler: new PlumbingExcludingSampler(matcher),
    // No outgoing-fetch instrumentation: the portal calls nothing, and URLs stay out of spans.
    instrumentations: [],
    propagators: ["tracecontext"],
  });
}
