// Traces through @vercel/otel's real OTLP/protobuf exporter into a loopback
// receiver: service name, manual span names, templated URLs, the /metrics and
// /health exclusion, and no secret in the bytes that leave the process.
import { SpanKind, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OtlpReceiver, startOtlpReceiver } from "@/e2e/support/otlp-receiver";
import { startTracing } from "@/lib/observability/otel";
import { KNOWN_ROUTES, createRouteMatcher } from "@/lib/observability/route-templates";
import { SPAN } from "@/lib/observability/span-names";
import { traceSm2Update, traceVaultDecrypt, withSpan } from "@/lib/observability/tracing";

const INVITE_TOKEN = "PLANTED-invite-token-Qm9vYmFyYmF6cXV4MTIzNDU2Nzg5";
let receiver: OtlpReceiver;

async function flush(): Promise<void> {
  const provider = trace.getTracerProvider() as unknown as { getDelegate?: () => { forceFlush?: () => Promise<void> } };
  await provider.getDelegate?.().forceFlush?.();
}

/** A server span as Next.js starts it: the raw target in the name and http.target. */
function serverSpan(target: string, child?: () => Promise<void>): Promise<void> {
  return trace.getTracer("next.js").startActiveSpan(`GET ${target}`, { kind: SpanKind.SERVER, attributes: { "http.method": "GET", "http.target": target } }, async (span) => {
    await child?.();
    span.end();
  });
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  startTracing(receiver.url, createRouteMatcher(KNOWN_ROUTES));
});
afterAll(() => receiver.close());

describe("OTLP traces", () => {
  it("exports manual and request spans as service miniportal, with templated URLs", async () => {
    await serverSpan(`/invite/${INVITE_TOKEN}?from=mail`, async () => {
      await withSpan(SPAN.argon2Verify, { "auth.rehash_check": true }, async () => undefined);
      await traceVaultDecrypt({ "vault.table": "note" }, () => "plaintext");
      await traceSm2Update({ "review.grade": 4 }, () => 1);
    });
    await flush();
    const spans = receiver.spans();
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["miniportal"]));
    const names = spans.map((s) => s.name).sort();
    expect(names).toEqual(["GET /invite/[token]", "auth.argon2_verify", "review.sm2_update", "vault.decrypt"]);
    const root = spans.find((s) => s.name === "GET /invite/[token]")!;
    expect(root.attributes["http.target"]).toBe("/invite/[token]");
    for (const s of spans.filter((x) => x !== root)) expect(s.parentSpanId).toBe(root.spanId);
    expect(spans.find((s) => s.name === "vault.decrypt")!.attributes).toMatchObject({ "vault.table": "note" });
    for (const body of receiver.rawBodies()) expect(body.includes(INVITE_TOKEN)).toBe(false);
  });

  it("does not trace /metrics or /health, nor anything under them", async () => {
    const before = receiver.spans().length;
    await serverSpan("/metrics", () => withSpan("inside.metrics", {}, async () => undefined));
    await serverSpan("/health?probe=1");
    await serverSpan("/me");
    await flush();
    expect(receiver.spans().slice(before).map((s) => s.name)).toEqual(["GET /me"]);
  });
});
