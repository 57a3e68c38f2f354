import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { tracesUrl } from "@/lib/observability/otel";
import { KNOWN_ROUTES, createRouteMatcher } from "@/lib/observability/route-templates";
import { sanitizeAttributes, sanitizeSpan, sanitizeSpanName } from "@/lib/observability/span-privacy";
import { SPAN } from "@/lib/observability/span-names";

const matcher = createRouteMatcher(KNOWN_ROUTES);
const TOKEN = "Zx9_secret-invite-token-AAAAAAAAAAAAAAAAAAAAAAA";

describe("span privacy", () => {
  it("turns URLs into templates and drops credential-like attributes", () => {
    const out = sanitizeAttributes(
      {
        "http.target": `/invite/${TOKEN}?x=1`,
        "http.url": `http://127.0.0.1:3000/invite/${TOKEN}`,
        "http.method": "POST",
        "next.route": "/invite/[token]",
        "http.request.header.cookie": "miniportal.session=abc",
        "app.password": "hunter2",
        "note.size_bytes": 12,
        "next.span_name": `fetch GET http://localhost:3000/invite/${TOKEN}`,
      },
      matcher,
    );
    expect(out).toEqual({
      "http.target": "/invite/[token]",
      "http.url": "/invite/[token]",
      "http.method": "POST",
      "next.route": "/invite/[token]",
      "note.size_bytes": 12,
      "next.span_name": "fetch GET /invite/[token]",
    });
  });

  it("rewrites paths inside span names", () => {
    expect(sanitizeSpanName(`GET /invite/${TOKEN}`, matcher)).toBe("GET /invite/[token]");
    expect(sanitizeSpanName("render route (app) /phase/[nn]", matcher)).toBe("render route (app) /phase/[nn]");
    expect(sanitizeSpanName("GET /some/unknown/path", matcher)).toBe("GET unmatched");
    expect(sanitizeSpanName(SPAN.vaultDecrypt, matcher)).toBe("vault.decrypt");
    expect(sanitizeSpanName(`fetch GET http://localhost:3000/invite/${TOKEN}?_rsc=1`, matcher)).toBe(
      "fetch GET /invite/[token]",
    );
    expect(sanitizeSpanName("generateMetadata /phase/[nn]/notes/page", matcher)).toBe(
      "generateMetadata /phase/[nn]/notes/page",
    );
    expect(sanitizeSpanName(`x /invite/${TOKEN}/page`, matcher)).toBe("x unmatched");
  });

  it("keeps exception types but not their messages or stacks", () => {
    const span = {
      name: `POST /invite/${TOKEN}`,
      kind: SpanKind.SERVER,
      spanContext: () => ({ traceId: "a".repeat(32), spanId: "b".repeat(16), traceFlags: 1 }),
      startTime: [0, 0],
      endTime: [0, 1],
      status: { code: SpanStatusCode.ERROR, message: `bad token ${TOKEN}` },
      attributes: {},
      links: [],
      events: [
        {
          name: "exception",
          time: [0, 0],
          attributes: { "exception.type": "Error", "exception.message": TOKEN, "exception.stacktrace": TOKEN },
        },
      ],
      duration: [0, 1],
      ended: true,
      resource: {} as ReadableSpan["resource"],
      instrumentationScope: { name: "next.js" },
      droppedAttributesCount: 0,
      droppedEventsCount: 0,
      droppedLinksCount: 0,
    } as unknown as ReadableSpan;
    const clean = sanitizeSpan(span, matcher);
    expect(JSON.stringify({ ...clean, resource: null })).not.toContain(TOKEN);
    expect(clean.events[0]!.attributes).toEqual({ "exception.type": "Error" });
    expect(clean.spanContext().spanId).toBe("b".repeat(16));
  });

  it("sends traces to the collector's /v1/traces", () => {
    expect(tracesUrl("http://tempo:4318")).toBe("http://tempo:4318/v1/traces");
    expect(tracesUrl("http://127.0.0.1:4318/")).toBe("http://127.0.0.1:4318/v1/traces");
    expect(tracesUrl("http://c:4318/v1/traces")).toBe("http://c:4318/v1/traces");
  });
});
